import { areaGroupOf } from '../../../shared/domain/evaluation-areas';
import { useAppStore } from '../../state/app-store';
import { ItemTags } from './ItemTags';
import { ItemEditor } from './ItemEditor';
import { ReviewControls } from './ReviewControls';
import { PrivateNotePanel } from './PrivateNotePanel';
import { AttachmentsPanel } from './AttachmentsPanel';
import { NarrativeEditor } from './NarrativeEditor';
import { ItemDataPanel } from './ItemDataPanel';
import { AuditTable } from '../audit/AuditTable';
import { formatDate } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { ANNEX_A_ITEM } from '../../../shared/domain/annex-a';
import { ListItemCheck } from '../lists/ListCheckScreen';
import './item.css';

export function ItemScreen() {
  const itemId = useAppStore((s) => s.itemId);
  const item = useAppStore((s) => s.items.find((i) => i.id === s.itemId));
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const showView = useAppStore((s) => s.showView);
  const history = useApiQuery('audit.list', { itemId: itemId ?? '' });
  if (!item) return <p>That item is not in this workspace.</p>;
  return (
    <article aria-labelledby="item-heading">
      <button type="button" className="link-button back-link" onClick={() => showView('checklist')}>
        Back to the checklist
      </button>
      <div className="item__head">
        <h1 id="item-heading">{item.title}</h1>
        <ItemTags item={item} />
      </div>
      <p className="lead">{item.description}</p>
      {item.id === ANNEX_A_ITEM[1] && <ListItemCheck list={1} />}
      {item.id === ANNEX_A_ITEM[2] && <ListItemCheck list={2} />}
      <dl className="summary-list">
        <div>
          <dt>Evaluation areas</dt>
          <dd>
            {item.areas.length
              ? item.areas.map((a) => `${a} ${areaGroupOf(a).shortName}`).join('; ')
              : 'Inspection logistics and other'}
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {item.due
              ? `${formatDate(item.due)}${item.dueDate ? '' : item.dueRule === 'day-0' ? " (day 0: used at the day-1 leaders' meeting)" : ' (the pack deadline)'}`
              : 'When the notification is recorded'}
          </dd>
        </div>
        <div>
          <dt>Keep current</dt>
          <dd>
            {item.freshnessRule || '—'}
            {item.expires
              ? `; the newest document ${item.stale ? 'went out of date' : 'stays current until'} ${formatDate(item.expires)}`
              : ''}
          </dd>
        </div>
        <div>
          <dt>Usually owned by</dt>
          <dd>{item.typicalOwner || '—'}</dd>
        </div>
        <div>
          <dt>Id</dt>
          <dd>
            <code>{item.id}</code>
          </dd>
        </div>
      </dl>
      <section aria-labelledby="item-fields-heading">
        <h2 id="item-fields-heading">Status and review</h2>
        <ReviewControls item={item} readOnly={readOnly} />
        <ItemEditor item={item} readOnly={readOnly} />
      </section>
      {!item.personLevel && <NarrativeEditor item={item} readOnly={readOnly} />}
      <PrivateNotePanel item={item} readOnly={readOnly} />
      <AttachmentsPanel item={item} readOnly={readOnly} />
      <ItemDataPanel item={item} />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.error && <p className="error-message">{history.error}</p>}
        {history.data && <AuditTable events={history.data.events} showItem={false} />}
      </section>
    </article>
  );
}
