import { useState } from 'react';
import type { Response } from '../../../shared/api/contract';
import { write } from '../../state/write';
import { formatDateTime } from '../../ui/dates';
import { showDirectionControls } from '../../../shared/domain/xml-text';

type Attachment = Response<'attachments.list'>['attachments'][number];

/** Removed files: restorable, or purged for good (a child's document attached by mistake) after confirmation. */
export function BinList({
  binned,
  readOnly,
  run,
}: {
  binned: Attachment[];
  readOnly: boolean;
  run: (message: string, work: () => Promise<string>) => Promise<void>;
}) {
  const [purging, setPurging] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  return (
    <section aria-labelledby="bin-heading">
      <h3 id="bin-heading">Bin</h3>
      <ul className="plain-list">
        {binned.map((a) => (
          <li key={a.id} className="bin-entry">
            <span>
              {a.title} ({showDirectionControls(a.fileName)}), removed by {a.binnedBy} {formatDateTime(a.binnedAt)}
            </span>
            {!readOnly && purging !== a.id && (
              <span className="button-row">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() =>
                    void run('Restoring…', async () => {
                      await write('attachments.restore', { attachmentId: a.id });
                      return `Restored ${a.title}`;
                    })
                  }
                >
                  Restore<span className="visually-hidden"> {a.title}</span>
                </button>
                <button
                  type="button"
                  className="button button--warning"
                  onClick={() => {
                    setPurging(a.id);
                    setReason('');
                  }}
                >
                  Purge…<span className="visually-hidden"> {a.title}</span>
                </button>
              </span>
            )}
            {purging === a.id && (
              <div className="confirm">
                <p>
                  <strong>Purging deletes this file for good</strong>: from the bin, from search, and from every backup
                  of this workspace. Use it for a document that must not be kept, such as a child's record attached by
                  mistake.
                </p>
                <label className="label" htmlFor={`purge-reason-${a.id}`}>
                  Reason (kept in the audit trail)
                </label>
                <input
                  id={`purge-reason-${a.id}`}
                  className="input"
                  value={reason}
                  autoFocus
                  onChange={(e) => setReason(e.target.value)}
                />
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--warning"
                    disabled={!reason.trim()}
                    onClick={() =>
                      void run('Purging…', async () => {
                        const result = await write('attachments.purge', {
                          attachmentId: a.id,
                          reason: reason.trim(),
                          confirm: true,
                        });
                        setPurging(null);
                        return `Purged for good${result.backupsRewritten ? `, including from ${result.backupsRewritten} backup${result.backupsRewritten === 1 ? '' : 's'}` : ''}`;
                      })
                    }
                  >
                    Purge for good
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => setPurging(null)}>
                    Cancel
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
