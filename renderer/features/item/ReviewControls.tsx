import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ChecklistItem, Response } from '../../../shared/api/contract';
import type { ItemStatus } from '../../../shared/domain/item-status';
import { call } from '../../api/call';
import { messageOf } from '../../state/errors';
import { write } from '../../state/write';
import { useAppStore } from '../../state/app-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { StatusTag } from '../../ui/StatusTag';
import { formatDateTime } from '../../ui/dates';

type Step = 'start' | 'ready' | 'not-applicable' | 'approve' | 'send-back' | 'reopen' | 'withdraw' | 'applicable';

const STEPS: Record<ItemStatus, Step[]> = {
  'not-started': ['start', 'ready', 'not-applicable'],
  'in-progress': ['ready', 'not-applicable'],
  'ready-for-review': ['approve', 'send-back', 'withdraw'],
  approved: ['reopen', 'send-back'],
  'not-applicable': ['applicable'],
};

const LABELS: Record<Step, string> = {
  start: 'Mark in progress…',
  ready: 'Ready for review…',
  'not-applicable': 'Not applicable…',
  approve: 'Approve…',
  'send-back': 'Send back…',
  reopen: 'Reopen…',
  withdraw: 'Back to in progress…',
  applicable: 'Applicable after all…',
};

/**
 * Review and approval as steps (issue 16 §1): each status change is a button that opens a question saying what
 * will happen — approving says what it locks and warns about an empty item or open privacy findings; sending back
 * needs a comment; reopening needs a reason. Nothing changes a status on a single key press or pick.
 */
export function ReviewControls({ item, readOnly }: { item: ChecklistItem; readOnly: boolean }) {
  const updateItem = useAppStore((s) => s.updateItem);
  const replaceItem = useAppStore((s) => s.replaceItem);
  const [step, setStep] = useState<Step | null>(null);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<Response<'checklist.approvalCheck'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `review-${item.id}`;

  const open = async (next: Step) => {
    setText('');
    setProblem(null);
    setCheck(null);
    if (next === 'approve') {
      try {
        setCheck(await call('checklist.approvalCheck', { itemId: item.id }));
      } catch (e) {
        setProblem(messageOf(e));
      }
    }
    setStep(next);
  };
  const statusLine = useRef<HTMLParagraphElement>(null);
  const close = () => {
    setStep(null);
    setBusy(false);
  };
  /** After a step, the buttons change: focus goes to the status it now has, never lost to the page. */
  const closeDone = () => {
    flushSync(close);
    statusLine.current?.focus();
  };
  const run = async (work: () => Promise<boolean>) => {
    setBusy(true);
    const done = await work();
    setBusy(false);
    if (done) closeDone();
    else setProblem((current) => current ?? useAppStore.getState().itemErrors[item.id] ?? 'The change was not saved.');
  };
  const toStatus = (status: ItemStatus, reason?: string) =>
    run(() => updateItem(item.id, { status, ...(reason ? { reason } : {}) }));
  const sendBack = () =>
    run(async () => {
      try {
        replaceItem(
          await write('checklist.sendBack', { itemId: item.id, comment: text.trim() }),
          `Sent ${item.title} back`,
        );
        return true;
      } catch (e) {
        setProblem(messageOf(e));
        return false;
      }
    });

  const dialog = (() => {
    switch (step) {
      case null:
        return null;
      case 'start':
        return (
          <ConfirmDialog
            title={`Mark "${item.title}" in progress?`}
            confirmLabel="Mark in progress"
            busy={busy}
            problem={problem}
            onConfirm={() => void toStatus('in-progress')}
            onCancel={close}
          >
            <p>Its owner and others will see work has started.</p>
          </ConfirmDialog>
        );
      case 'ready':
        return (
          <ConfirmDialog
            title={`Mark "${item.title}" ready for review?`}
            confirmLabel="Mark ready for review"
            busy={busy}
            problem={problem}
            onConfirm={() => void toStatus('ready-for-review')}
            onCancel={close}
          >
            <p>A reviewer can then approve it, which locks it, or send it back to you with a comment.</p>
          </ConfirmDialog>
        );
      case 'not-applicable':
        return (
          <ConfirmDialog
            title={`Mark "${item.title}" not applicable?`}
            confirmLabel="Mark not applicable"
            busy={busy}
            problem={problem}
            onConfirm={() => void toStatus('not-applicable')}
            onCancel={close}
          >
            <p>It stops counting towards readiness, and the pack lists it as not applicable.</p>
          </ConfirmDialog>
        );
      case 'withdraw':
        return (
          <ConfirmDialog
            title={`Take "${item.title}" back to in progress?`}
            confirmLabel="Back to in progress"
            busy={busy}
            problem={problem}
            onConfirm={() => void toStatus('in-progress')}
            onCancel={close}
          >
            <p>It leaves the review queue until it is marked ready again.</p>
          </ConfirmDialog>
        );
      case 'applicable':
        return (
          <ConfirmDialog
            title={`Count "${item.title}" again?`}
            confirmLabel="Mark in progress"
            busy={busy}
            problem={problem}
            onConfirm={() => void toStatus('in-progress')}
            onCancel={close}
          >
            <p>It counts towards readiness again, in progress.</p>
          </ConfirmDialog>
        );
      case 'approve':
        return (
          <ConfirmDialog
            title={`Approve "${item.title}"?`}
            busy={busy}
            onCancel={close}
            confirmLabel={
              check && !check.refusal ? (check.warnings.length ? 'Approve anyway' : 'Approve and lock') : null
            }
            onConfirm={() => void toStatus('approved')}
          >
            {!check && !problem && <p>Checking the item…</p>}
            {problem && <p className="error-message">{problem}</p>}
            {check && <p>{check.locks}</p>}
            {check?.refusal && <p className="error-message">{check.refusal}</p>}
            {check && check.warnings.length > 0 && (
              <div className="notification notification--warning" role="note" aria-label="Before you approve">
                <p className="notification__title">Before you approve</p>
                <ul>
                  {check.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
            )}
          </ConfirmDialog>
        );
      case 'send-back':
      case 'reopen': {
        const sending = step === 'send-back';
        return (
          <ConfirmDialog
            title={sending ? `Send "${item.title}" back?` : `Reopen "${item.title}"?`}
            busy={busy}
            onCancel={close}
            confirmLabel={sending ? 'Send back' : 'Reopen item'}
            confirmDisabled={!text.trim()}
            onConfirm={() => void (sending ? sendBack() : toStatus('in-progress', text.trim()))}
          >
            <p>
              {sending
                ? 'It returns to in progress, with your comment shown on the item and in its history.'
                : 'It returns to in progress and can be changed again; the reason is kept in the audit trail.'}
            </p>
            {problem && <p className="error-message">{problem}</p>}
            <div className="form-group">
              <label className="label" htmlFor={`${base}-text`}>
                {sending ? 'What needs doing' : 'Why are you reopening it?'}
              </label>
              <textarea
                id={`${base}-text`}
                className="textarea"
                rows={3}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
          </ConfirmDialog>
        );
      }
    }
  })();

  return (
    <div className="review" aria-labelledby={`${base}-label`} role="group">
      <p className="review__status" ref={statusLine} tabIndex={-1}>
        <span id={`${base}-label`}>
          Status<span className="visually-hidden"> of {item.title}</span>:{' '}
        </span>
        <StatusTag status={item.status} />
      </p>
      {item.status === 'approved' && (
        <p className="review__note">
          Approved by {item.approvedBy} on {formatDateTime(item.approvedAt)}. It is locked: reopen it to make changes.
        </p>
      )}
      {item.reviewComment && item.status !== 'approved' && (
        <div className="inset-text review__comment">
          <p>
            <strong>Sent back by {item.reviewComment.by}</strong> on {formatDateTime(item.reviewComment.at)}:
          </p>
          <p className="review__comment-text">{item.reviewComment.comment}</p>
        </div>
      )}
      {!readOnly && (
        <div className="button-row">
          {STEPS[item.status].map((s) => (
            <button
              key={s}
              type="button"
              className={`button${s === 'approve' ? '' : ' button--secondary'}`}
              onClick={() => void open(s)}
            >
              {LABELS[s]}
              <span className="visually-hidden"> {item.title}</span>
            </button>
          ))}
        </div>
      )}
      {dialog}
    </div>
  );
}
