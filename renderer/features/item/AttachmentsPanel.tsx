import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { ProgressEvent } from '../../../shared/api/progress';
import type { ChecklistItem } from '../../../shared/api/contract';
import { api, call, uploadFiles, uploadFilesWithDates } from '../../api/call';
import { isDesktop } from '../../api/client';
import { write } from '../../state/write';
import { formatDisplayDate } from '../../../shared/domain/dates';
import { DateField } from '../../ui/DateField';
import { messageOf } from '../../state/errors';
import { formatDate, formatDateTime } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { AttachmentDetails } from './AttachmentDetails';
import { BinList } from './BinList';
import { showDirectionControls } from '../../../shared/domain/xml-text';

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1048576
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/** An item's evidence files: add (picker or drop), details, open, replace, remove to the bin, restore or purge. */
export function AttachmentsPanel({ item, readOnly }: { item: ChecklistItem; readOnly: boolean }) {
  const { data } = useApiQuery('attachments.list', { itemId: item.id });
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  // Progress shows while an add is running; the call's own settlement (run's finally) ends it, whatever the last phase.
  const running = useRef(false);
  useEffect(
    () =>
      api().onProgress((event) => {
        if (event.operation === 'attachments.add' && running.current) setProgress(event);
      }),
    [],
  );
  const picker = useRef<HTMLInputElement>(null);
  const locked = readOnly || item.status === 'approved';

  const run = async (message: string, work: () => Promise<string>) => {
    setProblem(null);
    setStatus(message);
    running.current = true;
    try {
      // Each write reloads what it touched (this list, the item's tags, its history): see state/query-keys.ts.
      setStatus(await work());
    } catch (error) {
      setStatus('');
      setProblem(messageOf(error));
    } finally {
      running.current = false;
      setProgress(null);
    }
  };
  // Files picked or dropped wait here to be dated: the date on the document decides when the evidence goes out of
  // date, so it is asked for now, defaulting to what the file itself records.
  const [pending, setPending] = useState<{ handle: string; name: string; fromFile: string | null; date: string }[]>([]);
  const attach = (files: File[]) => {
    if (files.length === 0) return;
    void run(`Reading ${files.length} file${files.length === 1 ? '' : 's'}…`, async () => {
      const uploaded = await uploadFilesWithDates(files);
      setPending(
        uploaded.map((u) => ({ handle: u.handle, name: u.name, fromFile: u.documentDate, date: u.documentDate ?? '' })),
      );
      return `Give the date on each document, then attach ${uploaded.length === 1 ? 'it' : 'them'}.`;
    });
  };
  const attachPending = () => {
    const files = pending;
    void run(`Attaching ${files.length} file${files.length === 1 ? '' : 's'}…`, async () => {
      const byDate = new Map<string, { handle: string }[]>();
      for (const f of files) byDate.set(f.date, [...(byDate.get(f.date) ?? []), { handle: f.handle }]);
      const attached: string[] = [];
      for (const [date, handles] of byDate) {
        const { attachments } = await write('attachments.add', {
          itemId: item.id,
          files: handles,
          metadata: { documentDate: date || null },
        });
        attached.push(
          ...attachments.map(
            (a) =>
              `${showDirectionControls(a.fileName)} (${a.documentDate ? `dated ${formatDisplayDate(a.documentDate)}` : 'date unknown'})`,
          ),
        );
      }
      setPending([]);
      return `Attached ${attached.join(', ')}`;
    });
  };
  const replace = (attachmentId: number, files: File[]) => {
    const [file] = files;
    if (!file) return;
    void run(`Storing the new version of ${file.name}…`, async () => {
      const [handle] = await uploadFiles([file]);
      const next = await write('attachments.replace', { attachmentId, file: handle!, metadata: {} });
      return `Stored version ${next.versionNo} of ${next.title}`;
    });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!locked) attach([...event.dataTransfer.files]);
  };

  const all = data?.attachments ?? [];
  const current = all.filter((a) => a.state === 'current');
  const binned = all.filter((a) => a.state === 'binned');
  const earlier = (chainId: number) => all.filter((a) => a.chainId === chainId && a.state === 'superseded');

  if (item.personLevel) {
    return (
      <p className="inset-text">
        Person-level items carry a status only. Their documents go to inspectors by secure transfer, never into this
        workspace.
      </p>
    );
  }
  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence files</h2>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <p className="hint" role="status">
        {status}
      </p>
      {progress && (
        <div className="progress-block">
          <label htmlFor="attach-progress">
            {progress.phase} ({progress.done} of {progress.total} read)
          </label>
          <progress id="attach-progress" max={progress.total} value={progress.done} />
        </div>
      )}
      {!locked && (
        <div
          className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label className="label" htmlFor="attach-files">
            Add evidence files
          </label>
          <p className="hint" id="attach-files-hint">
            Choose one or more files of any type, or drop them here. Each file is stored once and never changed.
          </p>
          <input
            id="attach-files"
            ref={picker}
            type="file"
            multiple
            className="file-input"
            aria-describedby="attach-files-hint"
            onChange={(e) => {
              attach([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </div>
      )}
      {pending.length > 0 && (
        <form
          className="panel pending-files"
          aria-labelledby="pending-heading"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            attachPending();
          }}
        >
          <h3 id="pending-heading">Date the {pending.length === 1 ? 'file' : `${pending.length} files`}</h3>
          <p className="hint">
            The date on the document (when it was written or signed off) decides when this evidence goes out of date.
            Leave it empty if you do not know it: the file then counts as "date unknown", never as current.
          </p>
          {pending.map((f, index) => (
            <div className="form-group" key={f.handle}>
              <DateField
                id={`pending-date-${index}`}
                label={`Date on ${f.name}`}
                value={f.date}
                hint={
                  f.fromFile
                    ? `The file says it was last saved on ${formatDisplayDate(f.fromFile)}`
                    : 'The file does not say; dd/mm/yyyy'
                }
                onCommit={(iso) =>
                  setPending((now) => now.map((p) => (p.handle === f.handle ? { ...p, date: iso ?? '' } : p)))
                }
              />
            </div>
          ))}
          <div className="button-row">
            <button type="submit" className="button">
              Attach {pending.length === 1 ? 'file' : `${pending.length} files`}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setPending([]);
                setStatus('');
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {current.length === 0 ? (
        <p>No evidence files yet.</p>
      ) : (
        <ul className="attachment-list">
          {current.map((a) => (
            <li key={a.id} className="attachment" data-attachment-id={a.id}>
              <div className="attachment__head">
                <h3 className="attachment__title">{a.title}</h3>
                <span className="hint">
                  {showDirectionControls(a.fileName)}, {size(a.bytes)}
                  {a.versionNo > 1 ? `, version ${a.versionNo}` : ''}
                  {a.documentDate ? `, dated ${formatDate(a.documentDate)}` : ', date unknown'}
                </span>
              </div>
              <p className="hint">
                Added by {a.addedBy}, {formatDateTime(a.addedAt)}. SHA-256 {a.sha256?.slice(0, 12)}.
                {a.textStatus === 'not-scanned'
                  ? ` Not scanned: ${a.notScannedReason}`
                  : a.notScannedReason
                    ? ` Its text is searchable. ${a.notScannedReason}`
                    : ' Its text is searchable.'}
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() =>
                    void run('Opening a read-only copy…', async () => {
                      const copy = await call('attachments.open', { attachmentId: a.id });
                      // The desktop app opens the copy (or shows it in its folder); the browser host cannot, so
                      // it says where the copy is.
                      const where = isDesktop()
                        ? copy.opensWith === 'viewer'
                          ? `Opened a read-only copy: ${showDirectionControls(copy.path)}`
                          : 'Its read-only copy is shown in its folder.'
                        : `Its read-only copy is at ${showDirectionControls(copy.path)}`;
                      return copy.warning ? `${copy.warning} ${where}` : where;
                    })
                  }
                >
                  Open<span className="visually-hidden"> {a.title}</span>
                </button>
                {!locked && (
                  <>
                    <label className="button button--secondary" htmlFor={`replace-${a.id}`}>
                      Replace with a new version<span className="visually-hidden"> of {a.title}</span>
                    </label>
                    <input
                      id={`replace-${a.id}`}
                      type="file"
                      className="visually-hidden"
                      onChange={(e) => {
                        replace(a.id, [...(e.target.files ?? [])]);
                        e.target.value = '';
                      }}
                    />
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() =>
                        void run('Moving to the bin…', async () => {
                          await write('attachments.remove', { attachmentId: a.id });
                          return `Moved ${a.title} to the bin`;
                        })
                      }
                    >
                      Remove<span className="visually-hidden"> {a.title}</span>
                    </button>
                  </>
                )}
              </div>
              <details>
                <summary>
                  Details<span className="visually-hidden"> of {a.title}</span>
                </summary>
                <AttachmentDetails attachment={a} disabled={locked} onSaved={setStatus} />
              </details>
              {earlier(a.chainId).length > 0 && (
                <p className="hint">
                  Earlier versions:{' '}
                  {earlier(a.chainId)
                    .map(
                      (v) =>
                        `version ${v.versionNo} (${showDirectionControls(v.fileName)}, ${formatDateTime(v.addedAt)})`,
                    )
                    .join('; ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {binned.length > 0 && <BinList binned={binned} readOnly={locked} run={run} />}
    </section>
  );
}
