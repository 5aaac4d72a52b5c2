import { useState } from 'react';
import type { Response } from '../../../shared/api/contract';
import { FINDING_KIND_LABELS } from '../../../shared/domain/privacy/findings';
import { isPlanPrivacyField } from '../../../shared/domain/follow-up';
import { write } from '../../state/write';
import { useAppStore } from '../../state/app-store';
import { ItemLink } from '../../ui/ItemLink';
import { useApiQuery } from '../../state/use-api-query';
import { ScreenLoading } from '../../ui/ScreenLoading';
import { showDirectionControls } from '../../../shared/domain/xml-text';
import { useAction } from '../../state/use-action';
import './privacy.css';

/** The field a finding is in, as every screen names it: the pack's text is the "Narrative (in the pack)". */
export const fieldLabel = (field: string) => (field === 'narrative' ? 'Narrative (in the pack)' : field);

type Scan = Response<'privacy.check'>;
type Finding = Scan['findings'][number];

function where(f: Finding): string {
  // Text inside a file is named by its part alone: "file strategy.docx, tracked deletion, paragraph 3".
  const field = f.location.field === 'file text' && f.location.detail ? null : fieldLabel(f.location.field);
  return [
    f.location.fileName ? `file ${showDirectionControls(f.location.fileName)}` : null,
    field,
    f.location.detail || null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** One decision needing a reason: the reason goes into the audit trail. */
function ReasonForm({
  id,
  label,
  action,
  onDone,
}: {
  id: string;
  label: string;
  action: string;
  onDone: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  return (
    <div className="confirm">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
      <button
        type="button"
        className="button button--secondary"
        disabled={!reason.trim()}
        onClick={() => void onDone(reason.trim())}
      >
        {action}
      </button>
    </div>
  );
}

/**
 * Everything that could leave in the pack and bundle, checked for personal data. Each finding shows where it is and
 * a snippet with every identifier masked; the officer fixes the text, leaves the file out, or records why it is not
 * personal data. Builds are refused until nothing blocks.
 */
export function PrivacyScreen() {
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const showView = useAppStore((s) => s.showView);
  const { data, error } = useApiQuery('privacy.check', {});
  const showSettings = useAppStore((st) => st.showView);
  const [open, setOpen] = useState<string | null>(null);
  const { run, problem } = useAction();
  const [status, setStatus] = useState('');
  // The write reloads the scan itself (state/query-keys.ts).
  const act = async (work: () => Promise<unknown>, message: string) => {
    await run(async () => {
      await work();
      setOpen(null);
      setStatus(message);
    });
  };
  if (error || !data)
    return (
      <ScreenLoading title="Privacy check" error={error} waiting="Checking everything that could leave in the pack…" />
    );
  const pending = data.findings.filter((f) => !f.resolution);
  const resolved = data.findings.filter((f) => f.resolution);
  const unread = data.unscanned.filter((u) => !u.decision);
  return (
    <>
      <h1>Privacy check</h1>
      <p className="lead">
        The pack and bundle must hold no personal data about children or families: inspectors receive that separately
        and securely. This checks narratives, file names and the text inside attached files.
      </p>
      <p className="hint">
        Your area's published phone numbers, mailboxes and named staff flagged here? Record them once in{' '}
        <button type="button" className="link-button" onClick={() => showSettings('settings')}>
          Settings, under Personal data
        </button>{' '}
        and they are never flagged again; your case-reference formats go there too, as examples.
      </p>
      <p role="status" className={data.blocking ? 'error-message' : 'hint'}>
        {data.blocking
          ? `${data.blocking} finding${data.blocking === 1 ? '' : 's'} must be resolved before the pack can be built.`
          : 'Nothing blocks the pack.'}{' '}
        {status}
      </p>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      {pending.length > 0 && (
        <section aria-labelledby="findings-heading">
          <h2 id="findings-heading">To resolve ({pending.length})</h2>
          <ul className="plain-list finding-list">
            {pending.map((f) => (
              <li key={f.key} className="finding">
                <p className="finding__head">
                  <strong className={`tag ${f.severity === 'block' ? 'tag--overdue' : 'tag--stale'}`}>
                    {f.severity === 'block' ? 'Blocks the pack' : 'Check'}
                  </strong>{' '}
                  <strong>{FINDING_KIND_LABELS[f.kind]}</strong> in{' '}
                  {f.location.itemId ? (
                    <ItemLink id={f.location.itemId} title={f.location.itemTitle ?? f.location.itemId} />
                  ) : isPlanPrivacyField(f.location.field) ? (
                    <button type="button" className="link-button" onClick={() => showView('plan')}>
                      the plan after the inspection
                    </button>
                  ) : (
                    'a dataset'
                  )}
                  , {where(f)}
                </p>
                <p className="finding__snippet">
                  <code>{f.snippet}</code>
                </p>
                {!readOnly &&
                  (open === f.key ? (
                    <ReasonForm
                      id={`reason-${f.key}`}
                      label="Why is this not personal data? (kept in the audit trail)"
                      action="Mark as not personal data"
                      onDone={(reason) =>
                        act(
                          () => write('privacy.markFalsePositive', { key: f.key, reason }),
                          'Recorded as not personal data.',
                        )
                      }
                    />
                  ) : (
                    <span className="button-row">
                      <button type="button" className="button button--secondary" onClick={() => setOpen(f.key)}>
                        Not personal data…
                      </button>
                      {f.location.attachmentId !== null && (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => setOpen(`file-${f.key}`)}
                        >
                          Leave the file out…
                        </button>
                      )}
                    </span>
                  ))}
                {open === `file-${f.key}` && f.location.attachmentId !== null && (
                  <ReasonForm
                    id={`exclude-${f.key}`}
                    label="Why leave this file out of the pack and bundle?"
                    action="Leave the file out"
                    onDone={(reason) =>
                      act(
                        () =>
                          write('privacy.decideFile', {
                            attachmentId: f.location.attachmentId!,
                            decision: 'excluded',
                            reason,
                          }),
                        'The file will be left out.',
                      )
                    }
                  />
                )}
              </li>
            ))}
          </ul>
          <p className="hint">
            To fix the text itself, open the item and edit its narrative, or replace the file; the check runs again each
            time you come back.
          </p>
        </section>
      )}
      {unread.length > 0 && (
        <section aria-labelledby="unread-heading">
          <h2 id="unread-heading">Files that could not be fully read ({unread.length})</h2>
          <ul className="plain-list finding-list">
            {unread.map((u) => (
              <li key={u.attachmentId} className="finding">
                <p>
                  <strong>{showDirectionControls(u.fileName)}</strong> ({u.itemTitle}): {u.reason}
                </p>
                {!readOnly &&
                  (open === `unread-${u.attachmentId}` ? (
                    <ReasonForm
                      id={`confirm-${u.attachmentId}`}
                      label="How do you know it holds no personal data?"
                      action="Confirm it can go in the bundle"
                      onDone={(reason) =>
                        act(
                          () =>
                            write('privacy.decideFile', {
                              attachmentId: u.attachmentId,
                              decision: 'confirmed-no-personal-data',
                              reason,
                            }),
                          'Confirmed.',
                        )
                      }
                    />
                  ) : (
                    <span className="button-row">
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => setOpen(`unread-${u.attachmentId}`)}
                      >
                        I have checked it…
                      </button>
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() =>
                          void act(
                            () =>
                              write('privacy.decideFile', {
                                attachmentId: u.attachmentId,
                                decision: 'excluded',
                                reason: 'Could not be read, so left out',
                              }),
                            'The file will be left out.',
                          )
                        }
                      >
                        Leave it out
                      </button>
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      {resolved.length > 0 && (
        <details>
          <summary>Resolved ({resolved.length})</summary>
          <ul className="plain-list">
            {resolved.map((f) => (
              <li key={f.key}>
                {FINDING_KIND_LABELS[f.kind]} in {f.location.itemTitle ?? 'a dataset'}, {where(f)}:{' '}
                {f.resolution && 'reason' in f.resolution
                  ? `not personal data (${f.resolution.reason}; ${f.resolution.by})`
                  : 'file left out'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
