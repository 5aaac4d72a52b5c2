import { useEffect, useRef, useState } from 'react';
import type { Response } from '../../../shared/api/contract';
import { PACK_SECTIONS } from '../../../shared/api/contract';
import type { ProgressEvent } from '../../../shared/api/progress';
import { errorCode } from '../../../shared/api/result';
import { api, call } from '../../api/call';
import { write } from '../../state/write';
import { useAppStore } from '../../state/app-store';
import { formatDateTime } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { PackOutline } from './PackOutline';
import { SECTION_LABELS } from './pack-section-labels';
import { PackKindChoice } from './PackKindChoice';
import { PACK_KIND_DEFINITIONS, type PackKindId } from '../../../shared/domain/pack-kinds';
import { TemplatePicker } from './TemplatePicker';
import { fieldLabel } from '../privacy/PrivacyScreen';
import { messageOf } from '../../state/errors';
import './build.css';

type Build = Response<'pack.builds'>['builds'][number];

/** Build the Word pack and the share bundle, watch it happen, then open, reveal or save copies. */
export function BuildScreen() {
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const showView = useAppStore((s) => s.showView);
  const builds = useApiQuery('pack.builds', {});
  const [kind, setKind] = useState<PackKindId>('evidence-pack');
  const [sections, setSections] = useState<string[]>([...PACK_KIND_DEFINITIONS['evidence-pack'].sections]);
  const [approvedOnly, setApprovedOnly] = useState(false);
  const [items, setItems] = useState<string[] | null>(null);
  const [bundle, setBundle] = useState(true);
  const [pdf, setPdf] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [building, setBuilding] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [privacyBlocked, setPrivacyBlocked] = useState(false);
  /** When the privacy check stops a build: each thing to resolve, with a way to where it is. */
  const [blocking, setBlocking] = useState<Response<'privacy.check'> | null>(null);
  // The refusal sits under the heading, a screen or more above the build button: brought into view and focused, so
  // the click visibly answers and the list is read out first.
  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!blocking) return;
    refusal.current?.scrollIntoView({ block: 'start' });
    refusal.current?.focus();
  }, [blocking]);
  useEffect(
    () =>
      api().onProgress((event) => {
        if (event.operation === 'pack.build') setProgress(event);
      }),
    [],
  );

  const build = async () => {
    setBuilding(true);
    setProblem(null);
    setBlocking(null);
    setStatus('Building the pack…');
    try {
      const result = await write('pack.build', {
        sections: sections as (typeof PACK_SECTIONS)[number][],
        approvedOnly,
        bundle,
        pdf,
        kind,
        ...(items ? { items } : {}),
      });
      setStatus(
        `Built version ${result.version}${result.draft ? ' (marked DRAFT: not every item is approved)' : ''}` +
          `${result.bundlePath ? `, with a bundle of ${result.evidenceFiles} evidence files` : ''}.`,
      );
    } catch (error) {
      const cancelled = errorCode(error) === 'cancelled';
      setStatus(cancelled ? messageOf(error) : '');
      if (!cancelled) setProblem(messageOf(error));
      setPrivacyBlocked(errorCode(error) === 'privacy-blocked');
      if (errorCode(error) === 'privacy-blocked') {
        try {
          setBlocking(await call('privacy.check', {}));
        } catch {
          /* the message above still says what to do */
        }
      }
    } finally {
      setBuilding(false);
      setCancelling(false);
      setProgress(null);
    }
  };
  const cancel = async () => {
    setCancelling(true);
    setStatus('Stopping the build at the next safe point…');
    try {
      await call('work.cancel', { operation: 'pack.build' });
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  const saveCopy = async (b: Build, kind: 'docx' | 'bundle') => {
    try {
      // The file itself never passes through the page: the host copies or streams it, at any size.
      const saved = await api().savePackFile(b.version, kind);
      if (saved.problem) setProblem(saved.problem);
      else if (!saved.saved) setStatus('Not saved');
      else if (saved.path) setStatus(`Saved ${saved.path}`);
      else
        setStatus(
          `Downloading ${kind === 'docx' ? 'the pack' : 'the bundle'}, version ${b.version}: your browser saves it to its downloads`,
        );
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  const open = async (b: Build, kind: 'docx' | 'bundle') => {
    try {
      const { path } = await call('pack.open', { version: b.version, kind });
      setStatus(kind === 'docx' ? `Opened ${path}` : `The bundle is in ${path}`);
    } catch (error) {
      setProblem(messageOf(error));
    }
  };

  return (
    <>
      <h1>Build the pack</h1>
      <p className="lead">
        The evidence pack is a Word document for the inspection team and partners, built from this workspace; the share
        bundle is a .zip of the pack with the evidence files it cites, and a manifest of their checksums.
      </p>
      {problem && !blocking && (
        <div role="alert">
          <p className="error-message">{problem}</p>
          {privacyBlocked && (
            <p>
              <button type="button" className="link-button" onClick={() => showView('privacy')}>
                Open the privacy check to resolve it
              </button>
            </p>
          )}
        </div>
      )}
      {blocking && (
        <div role="alert" className="error-summary build-refusal" ref={refusal} tabIndex={-1}>
          <h2 className="error-summary__title">
            The pack was not built: {blocking.blocking} thing{blocking.blocking === 1 ? '' : 's'} to resolve first
          </h2>
          <p>
            Each might be personal data about a child or family. Fix the text, leave the file out, or record why it is
            not personal data.
          </p>
          <ul>
            {blocking.findings
              .filter((f) => f.severity === 'block' && !f.resolution)
              .map((f) => (
                <li key={f.key}>
                  {f.location.itemId ? (
                    <button type="button" className="link-button" onClick={() => showView('item', f.location.itemId!)}>
                      {f.location.itemTitle}
                    </button>
                  ) : (
                    <button type="button" className="link-button" onClick={() => showView('data')}>
                      Imported figures
                    </button>
                  )}
                  {`, ${f.location.fileName ? `${f.location.fileName}, ` : ''}${fieldLabel(f.location.field)}${f.location.detail ? ` (${f.location.detail})` : ''}: `}
                  <code>{f.snippet}</code>
                </li>
              ))}
            {blocking.unscanned
              .filter((u) => !u.decision)
              .map((u) => (
                <li key={u.attachmentId}>
                  <button type="button" className="link-button" onClick={() => showView('item', u.itemId)}>
                    {u.itemTitle}
                  </button>
                  {`, ${u.fileName}: its text could not be read. Confirm it holds no personal data, or leave it out.`}
                </li>
              ))}
          </ul>
          <p>
            <button type="button" className="link-button" onClick={() => showView('privacy')}>
              Open the privacy check
            </button>
          </p>
        </div>
      )}
      {!readOnly && (
        <div className="panel panel--wide">
          <PackKindChoice
            kind={kind}
            onKind={(k) => {
              setKind(k);
              setSections([...PACK_KIND_DEFINITIONS[k].sections]);
              setItems(null);
            }}
          />
          <fieldset className="fieldset">
            <legend className="label">Sections</legend>
            <div className="checkboxes">
              {PACK_SECTIONS.map((s) => (
                <div className="checkbox" key={s}>
                  <input
                    id={`section-${s}`}
                    type="checkbox"
                    checked={sections.includes(s)}
                    onChange={(e) =>
                      setSections(
                        e.target.checked
                          ? PACK_SECTIONS.filter((x) => x === s || sections.includes(x))
                          : sections.filter((x) => x !== s),
                      )
                    }
                  />
                  <label htmlFor={`section-${s}`}>{SECTION_LABELS[s]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend className="label">Options</legend>
            <div className="checkbox">
              <input
                id="approved-only"
                type="checkbox"
                checked={approvedOnly}
                onChange={(e) => setApprovedOnly(e.target.checked)}
              />
              <label htmlFor="approved-only">Approved items only (others are listed as gaps)</label>
            </div>
            <div className="checkbox">
              <input id="with-bundle" type="checkbox" checked={bundle} onChange={(e) => setBundle(e.target.checked)} />
              <label htmlFor="with-bundle">Also make the share bundle (.zip)</label>
            </div>
            <div className="checkbox">
              <input
                id="with-pdf"
                type="checkbox"
                checked={pdf}
                disabled={!bundle}
                onChange={(e) => setPdf(e.target.checked)}
              />
              <label htmlFor="with-pdf">Add a PDF copy to the bundle (needs LibreOffice)</label>
            </div>
          </fieldset>
          <TemplatePicker readOnly={readOnly} />
          <PackOutline
            choice={{ sections: sections as (typeof PACK_SECTIONS)[number][], approvedOnly, items, kind }}
            onItems={setItems}
          />
          <button
            type="button"
            className="button"
            disabled={building || sections.length === 0}
            onClick={() => void build()}
          >
            {building ? 'Building…' : 'Build the pack'}
          </button>
          {building && (
            <div className="progress-block">
              <label htmlFor="build-progress" aria-live="polite">
                {progress?.phase ?? 'Starting'}
              </label>
              <progress id="build-progress" max={progress?.total ?? 1} value={progress?.done ?? 0} />
              <button
                type="button"
                className="button button--secondary"
                disabled={cancelling}
                onClick={() => void cancel()}
              >
                {cancelling ? 'Cancelling…' : 'Cancel the build'}
              </button>
            </div>
          )}
          <p role="status" className={status && !building ? 'outcome' : 'hint'}>
            {status}
          </p>
        </div>
      )}
      <section aria-labelledby="builds-heading">
        <h2 id="builds-heading">Built packs</h2>
        {builds.data?.builds.length === 0 && <p>No pack has been built yet.</p>}
        {builds.data && builds.data.builds.length > 0 && (
          <table className="table">
            <caption className="visually-hidden">Packs built from this workspace</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Built</th>
                <th scope="col">By</th>
                <th scope="col">Approved</th>
                <th scope="col">Files</th>
              </tr>
            </thead>
            <tbody>
              {builds.data.builds.map((b) => (
                <tr key={b.version}>
                  <th scope="row">{b.version}</th>
                  <td>{formatDateTime(b.builtAt)}</td>
                  <td>{b.builtBy}</td>
                  <td>
                    {b.counts.approved ?? 0} of {Object.values(b.counts).reduce((a, n) => a + n, 0)}
                  </td>
                  <td>
                    <span className="button-row">
                      {b.docx && (
                        <button type="button" className="button button--secondary" onClick={() => void open(b, 'docx')}>
                          Open the pack<span className="visually-hidden"> version {b.version}</span>
                        </button>
                      )}
                      {b.docx && (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => void saveCopy(b, 'docx')}
                        >
                          Save a copy<span className="visually-hidden"> of the pack version {b.version}</span>
                        </button>
                      )}
                      {b.bundle && (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => void open(b, 'bundle')}
                        >
                          Show the bundle<span className="visually-hidden"> version {b.version}</span>
                        </button>
                      )}
                      {b.bundle && (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => void saveCopy(b, 'bundle')}
                        >
                          Save the bundle<span className="visually-hidden"> version {b.version}</span>
                        </button>
                      )}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
