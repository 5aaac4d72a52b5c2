import { useRef, useState, type FormEvent } from 'react';
import type { Response } from '../../../shared/api/contract';
import {
  ANNEX_A_ITEM,
  annexARule,
  listFields,
  profileCountText,
  type AnnexAList,
} from '../../../shared/domain/annex-a';
import { api, call, uploadFiles } from '../../api/call';
import { write } from '../../state/write';
import { useAppStore } from '../../state/app-store';
import { formatDate, formatDateTime } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { ItemLink } from '../../ui/ItemLink';
import { DateField } from '../../ui/DateField';
import { messageOf } from '../../state/errors';
import './lists.css';

type Result = Response<'lists.check'>;
type Preview = Response<'lists.preview'>;
/** What the column mapping shows: a preview's or a result's columns. */
type Columns = Pick<Result, 'list' | 'mapping' | 'columns' | 'fileColumns'>;
type Profile = Result['profile'];
/** What the officer changes before checking the same file again: the columns read, or the sheet. */
interface Recheck {
  mapping?: Record<string, number | null>;
  sheet?: string;
}

const LIST_NAMES: Record<AnnexAList, string> = {
  1: 'List 1: children and young people with an EHC plan',
  2: 'List 2: at SEN support',
};

function rowsText(rows: readonly number[]): string {
  if (rows.length === 0) return '—';
  const shown = rows.slice(0, 20).join(', ');
  return rows.length > 20 ? `${shown} and ${(rows.length - 20).toLocaleString('en-GB')} more` : shown;
}

/**
 * Which column was read for each field; the officer can point a field at another column, or at none, and check
 * (again). Before the first check (`preview`) it is always open and the check needs no change.
 */
function ColumnMapping({
  result,
  onRecheck,
  busy,
  preview = false,
}: {
  result: Columns;
  onRecheck: (change: Recheck) => void;
  busy: boolean;
  preview?: boolean;
}) {
  const [mapping, setMapping] = useState(result.mapping);
  const changed = Object.keys(mapping).some((k) => mapping[k] !== result.mapping[k]);
  return (
    <details className="columns-details" open={preview || Object.values(result.columns).some((c) => c === null)}>
      <summary>
        Columns read ({Object.values(result.columns).filter((c) => c !== null).length} of{' '}
        {Object.keys(result.columns).length} fields found)
      </summary>
      <p className="hint">
        Each field of the list and the column of your file it was read from. Choose another column if one was matched
        wrongly.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Columns read for each field">
        <table className="table table--compact">
          <caption className="visually-hidden">Columns read for each field</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Column in your file</th>
            </tr>
          </thead>
          <tbody>
            {listFields(result.list).map((f) => (
              <tr key={f.key}>
                <th scope="row">
                  <label htmlFor={`map-${f.key}`}>{f.name}</label>
                </th>
                <td>
                  <select
                    id={`map-${f.key}`}
                    className="select"
                    value={mapping[f.key] ?? ''}
                    onChange={(e) =>
                      setMapping({ ...mapping, [f.key]: e.target.value === '' ? null : Number(e.target.value) })
                    }
                  >
                    <option value="">Not in this file</option>
                    {result.fileColumns.map((c) => (
                      <option key={c.index} value={c.index}>
                        {c.header}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className={preview ? 'button' : 'button button--secondary'}
        disabled={(!preview && !changed) || busy}
        onClick={() => onRecheck({ mapping })}
      >
        {preview ? 'Check the list with these columns' : 'Check again with these columns'}
      </button>
    </details>
  );
}

function SheetChoice({
  result,
  onRecheck,
  busy,
}: {
  result: Result;
  onRecheck: (change: Recheck) => void;
  busy: boolean;
}) {
  const [sheet, setSheet] = useState(result.sheet ?? '');
  return (
    <div className="form-group form-group--inline">
      <label className="label" htmlFor="list-sheet">
        Sheet checked
      </label>
      <select id="list-sheet" className="select" value={sheet} onChange={(e) => setSheet(e.target.value)}>
        {result.sheets.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy || sheet === result.sheet}
        onClick={() => onRecheck({ sheet })}
      >
        Check this sheet instead
      </button>
    </div>
  );
}

function ProfileTable({
  title,
  counts,
  threshold,
}: {
  title: string;
  counts: Profile['primaryNeed'];
  threshold: number;
}) {
  return (
    <table className="table table--compact">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Children and young people</th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={c.label}>
            <th scope="row">{c.label}</th>
            <td>{profileCountText(c, threshold)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResultView({
  result,
  onRecheck,
  busy,
}: {
  result: Result;
  onRecheck: (change: Recheck) => void;
  busy: boolean;
}) {
  const [profileStatus, setProfileStatus] = useState('');
  const [csvStatus, setCsvStatus] = useState('');
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const fired = result.rules.filter((r) => r.count > 0);
  const errors = fired.filter((r) => annexARule(r.id)?.severity === 'error');
  const saveProfile = async () => {
    try {
      const saved = await write('lists.saveProfile', { checkId: result.checkId });
      setProfileStatus(`Profile saved for the pack on ${formatDateTime(saved.savedAt)}.`);
    } catch (error) {
      setProfileStatus(messageOf(error));
    }
  };
  const csvName = `${result.fileName.replace(/\.[^.]+$/, '')} check ${result.asOf}.csv`;
  const saveCsv = async () => {
    try {
      const saved = await api().saveFile(csvName, result.csv);
      setCsvStatus(saved.saved ? `Saved ${saved.path ?? csvName}` : 'Not saved');
    } catch (error) {
      setCsvStatus(messageOf(error));
    }
  };
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">Result: {result.fileName}</h2>
      <div className={`notification${errors.length ? ' notification--warning' : ''}`} role="status">
        <p className="notification__title">
          {errors.length === 0
            ? `No problems found in ${result.rows.toLocaleString('en-GB')} rows${fired.length ? ' (only queries to look at)' : ''}.`
            : `${errors.reduce((n, r) => n + r.count, 0).toLocaleString('en-GB')} problems in ${result.rows.toLocaleString('en-GB')} rows: fix them in your system, export the list again and check it again.`}
        </p>
        <p>
          Only the counts below, the file's name, size in rows and fingerprint (SHA-256) were recorded. The list itself
          was read in memory and not kept.
        </p>
      </div>
      <dl className="summary-list">
        <div>
          <dt>List</dt>
          <dd>{LIST_NAMES[result.list]}</dd>
        </div>
        <div>
          <dt>Rows checked</dt>
          <dd>
            {result.rows.toLocaleString('en-GB')} (row 1 is the first row under the header, spreadsheet row{' '}
            {result.headerRow + 1}
            {result.sheet ? `, sheet ${result.sheet}` : ''})
          </dd>
        </div>
        <div>
          <dt>Reference date</dt>
          <dd>{formatDate(result.asOf)}</dd>
        </div>
      </dl>
      {result.notes.map((n) => (
        <p key={n} className="inset-text">
          {n}
        </p>
      ))}
      {result.sheets.length > 1 && <SheetChoice result={result} onRecheck={onRecheck} busy={busy} />}
      <ColumnMapping key={result.checkId} result={result} onRecheck={onRecheck} busy={busy} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Rules and the rows that break them">
        <table className="table">
          <caption>Rules and the rows that break them</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">What it finds</th>
              <th scope="col">Rows</th>
              <th scope="col">Row numbers</th>
            </tr>
          </thead>
          <tbody>
            {result.rules.map((r) => (
              <tr key={`${r.id}-${r.column ?? ''}`}>
                <th scope="row">
                  <code>{r.id}</code>
                </th>
                <td>
                  {annexARule(r.id)?.title}
                  {r.column ? ` (column ${r.column})` : ''}
                  {annexARule(r.id)?.severity === 'query' ? ' — a query' : ''}
                </td>
                <td>{r.count.toLocaleString('en-GB')}</td>
                <td>{rowsText(r.rows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="list-check__actions">
        <button type="button" className="button button--secondary" onClick={() => void saveCsv()}>
          Save the row numbers as CSV
        </button>
        <span className="hint" role="status">
          {csvStatus}
        </span>
      </div>
      <h3>Completeness of the fields</h3>
      <p className="hint">
        Inspectors link absence, suspensions, exclusions, Pupil Premium and social care across the list to see who is
        over- or under-represented: those fields are marked “linked”.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Completeness of the fields">
        <table className="table table--compact">
          <caption className="visually-hidden">Completeness of the fields</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Column</th>
              <th scope="col">Filled</th>
              <th scope="col">Empty</th>
              <th scope="col">Complete</th>
            </tr>
          </thead>
          <tbody>
            {[...result.completeness]
              .sort((a, b) => Number(b.linked) - Number(a.linked))
              .map((c) => (
                <tr key={c.field}>
                  <th scope="row">
                    {c.name}
                    {c.linked ? ' (linked)' : ''}
                  </th>
                  <td>{c.column ?? 'not in this file'}</td>
                  <td>{c.filled.toLocaleString('en-GB')}</td>
                  <td>{c.missing.toLocaleString('en-GB')}</td>
                  <td>{result.rows ? Math.round((c.filled / result.rows) * 100) : 0}%</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <h3>Aggregate profile</h3>
      <p className="hint">
        Counts by group, with counts below {result.profile.threshold} shown as “fewer than {result.profile.threshold}”
        and, where one would otherwise follow from the total, the next smallest “not shown”. Saved only if you choose,
        for the pack's local context section.
      </p>
      <div className="profile-grid">
        <ProfileTable title="Primary need" counts={result.profile.primaryNeed} threshold={result.profile.threshold} />
        <ProfileTable
          title="Age at the reference date"
          counts={result.profile.ageBand}
          threshold={result.profile.threshold}
        />
        <ProfileTable
          title="Phase of main establishment"
          counts={result.profile.phase}
          threshold={result.profile.threshold}
        />
        <ProfileTable title="Sex" counts={result.profile.sex} threshold={result.profile.threshold} />
        <ProfileTable title="Ethnic group" counts={result.profile.ethnicity} threshold={result.profile.threshold} />
      </div>
      {!readOnly && (
        <div className="list-check__actions">
          <button type="button" className="button button--secondary" onClick={() => void saveProfile()}>
            Save the profile for the pack
          </button>
        </div>
      )}
      <p className="hint" role="status">
        {profileStatus}
      </p>
    </section>
  );
}

function PastChecks() {
  const { data } = useApiQuery('lists.checks', {});
  if (!data || data.checks.length === 0) return null;
  return (
    <section aria-labelledby="past-heading">
      <h2 id="past-heading">Checks recorded</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Checks recorded">
        <table className="table table--compact">
          <caption className="visually-hidden">Checks recorded, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">List</th>
              <th scope="col">File</th>
              <th scope="col">Rows</th>
              <th scope="col">Problems</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {data.checks.slice(0, 20).map((c) => {
              const problems = c.ruleCounts.filter((r) => r.id !== '102a').reduce((n, r) => n + r.count, 0);
              return (
                <tr key={c.id}>
                  <td>{formatDateTime(c.checkedAt)}</td>
                  <td>{c.list}</td>
                  <td>{c.fileName}</td>
                  <td>{c.rows.toLocaleString('en-GB')}</td>
                  <td>{problems.toLocaleString('en-GB')}</td>
                  <td>{c.checkedBy}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A file whose header left fields unmatched: the officer says where they are (or that they are not there) first. */
function PreviewView({
  preview,
  onCheck,
  busy,
}: {
  preview: Preview;
  onCheck: (change: Recheck) => void;
  busy: boolean;
}) {
  const missing = listFields(preview.list).filter((f) => preview.columns[f.key] === null);
  return (
    <section aria-labelledby="list-preview-heading">
      <h2 id="list-preview-heading">Columns of {preview.fileName}</h2>
      <p>
        {missing.length} of the {Object.keys(preview.columns).length} fields {missing.length === 1 ? 'was' : 'were'} not
        found by their headers: {missing.map((f) => f.name).join('; ')}. Choose the column each is in, or leave it as
        “Not in this file” (every row is then counted as missing it). Nothing is checked or recorded until you check the
        list.
      </p>
      {preview.notes.map((n) => (
        <p className="inset-text" key={n}>
          {n}
        </p>
      ))}
      <ColumnMapping result={preview} onRecheck={onCheck} busy={busy} preview />
    </section>
  );
}

/** The Annex A list check: choose List 1 or 2, check it against the rules, and see counts and row numbers only. */
export function ListCheckScreen() {
  const fromItem = useAppStore((s) => s.itemId);
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const [list, setList] = useState<AnnexAList>(fromItem === ANNEX_A_ITEM[2] ? 2 : 1);
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = useRef(0);

  const check = async (source: { file: File } | ({ checkId: string } & Recheck)) => {
    const mine = ++run.current;
    setProblem(null);
    setBusy(true);
    setStatus('Checking the list…');
    try {
      let what: { checkId: string; mapping?: Record<string, number | null>; sheet?: string };
      if ('file' in source) {
        // The header first: a field it leaves unmatched is the officer's to place before anything is checked.
        const upload = (await uploadFiles([source.file], { memoryOnly: true }))[0]!;
        if (mine !== run.current) return;
        const read = await call('lists.preview', { list, file: upload });
        if (mine !== run.current) return;
        if (Object.values(read.columns).some((c) => c === null)) {
          setResult(null);
          setPreview(read);
          setStatus(`Read the header of ${read.fileName}: choose the columns not found, then check the list.`);
          return;
        }
        what = { checkId: read.checkId, mapping: read.mapping };
      } else {
        what = {
          checkId: source.checkId,
          ...(source.mapping ? { mapping: source.mapping } : {}),
          ...(source.sheet !== undefined ? { sheet: source.sheet } : result?.sheet ? { sheet: result.sheet } : {}),
        };
      }
      const answer = await write('lists.check', { list, ...what, ...(asOf ? { asOf } : {}) });
      if (mine !== run.current) return;
      setPreview(null);
      setResult(answer);
      setStatus(`Checked ${answer.rows.toLocaleString('en-GB')} rows of ${answer.fileName}.`);
    } catch (error) {
      if (mine !== run.current) return;
      setStatus('');
      setProblem(messageOf(error));
    } finally {
      if (mine === run.current) setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblem('Choose the list file to check');
      return;
    }
    void check({ file });
  };

  return (
    <>
      <h1>Annex A list check</h1>
      <p className="lead">
        Check the person-level lists before they go to the inspectors: every row against the Annex A rules, with the
        reference date you choose. The file is read in memory; only the counts are kept, never a child's details.
      </p>
      <p className="hint">
        Items: <ItemLink id={ANNEX_A_ITEM[1]} title="Annex A List 1" />;{' '}
        <ItemLink id={ANNEX_A_ITEM[2]} title="Annex A List 2" />. Each item follows its last check: problems found keep
        it in progress; a clean check makes it ready for review.
      </p>
      {readOnly ? (
        <p className="inset-text">This workspace is open read-only, so lists cannot be checked here.</p>
      ) : (
        <form className="panel panel--wide" onSubmit={submit} noValidate aria-labelledby="check-form-heading">
          <h2 id="check-form-heading">Check a list</h2>
          {problem && (
            <p className="error-message" role="alert">
              {problem}
            </p>
          )}
          <fieldset className="fieldset">
            <legend className="label">Which list</legend>
            <div className="checkboxes">
              {([1, 2] as const).map((n) => (
                <div className="checkbox" key={n}>
                  <input
                    type="radio"
                    id={`list-${n}`}
                    name="list"
                    checked={list === n}
                    onChange={() => {
                      setList(n);
                      setResult(null);
                      setPreview(null);
                    }}
                  />
                  <label htmlFor={`list-${n}`}>{LIST_NAMES[n]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <div className="form-row">
            <div className="form-group">
              <label className="label" htmlFor="list-file">
                List file
              </label>
              <p className="hint" id="list-file-hint">
                CSV or Excel (.xlsx) as your system exports it, columns in any order.
              </p>
              <input
                id="list-file"
                type="file"
                className="file-input"
                accept=".csv,.xlsx,.txt,text/csv"
                aria-describedby="list-file-hint"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setResult(null);
                  setPreview(null);
                }}
              />
            </div>
            <div className="form-group">
              <DateField
                id="list-as-of"
                label="Reference date"
                value={asOf}
                onCommit={(iso) => setAsOf(iso ?? '')}
                hint="Ages and “in the future” are worked out on this day (dd/mm/yyyy). Leave empty for the notification date (today if none is recorded)."
              />
            </div>
          </div>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Checking…' : 'Check the list'}
            </button>
          </div>
        </form>
      )}
      <p className="hint" role="status">
        {status}
      </p>
      {preview && !result && (
        <PreviewView
          key={preview.checkId}
          preview={preview}
          busy={busy}
          onCheck={(change) => void check({ checkId: preview.checkId, ...change })}
        />
      )}
      {result && (
        <ResultView
          result={result}
          busy={busy}
          onRecheck={(change) => void check({ checkId: result.checkId, ...change })}
        />
      )}
      <PastChecks />
    </>
  );
}

/** On a list's item page: its last check, in counts, and the way to check it again. */
export function ListItemCheck({ list }: { list: AnnexAList }) {
  const showView = useAppStore((s) => s.showView);
  const { data } = useApiQuery('lists.checks', { list });
  const last = data?.checks[0];
  const problems = last ? last.ruleCounts.filter((r) => r.id !== '102a').reduce((n, r) => n + r.count, 0) : 0;
  return (
    <section aria-labelledby="list-check-heading">
      <h2 id="list-check-heading">List check</h2>
      <p>
        {last
          ? `Last checked ${formatDateTime(last.checkedAt)} by ${last.checkedBy}: ${last.fileName}, ${last.rows.toLocaleString('en-GB')} rows, ` +
            `${problems === 0 ? 'no problems' : `${problems.toLocaleString('en-GB')} problem${problems === 1 ? '' : 's'}`}.`
          : 'Not checked yet.'}{' '}
        <button type="button" className="link-button" onClick={() => showView('lists', ANNEX_A_ITEM[list])}>
          Check this list before it is sent
        </button>
      </p>
    </section>
  );
}
