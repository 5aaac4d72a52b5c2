import type { ChecklistItem } from '../../shared/api/contract';
import { areaGroupOf } from '../../shared/domain/evaluation-areas';
import { ItemTags } from './ItemTags';
import { ItemEditor } from './ItemEditor';
import { ItemLink } from './ItemLink';
import { formatDate } from './use-loaded';

export function ChecklistItemRow({ item, readOnly }: { item: ChecklistItem; readOnly: boolean }) {
  const base = `item-${item.id}`;
  return (
    <li className="item" data-item-id={item.id} aria-labelledby={`${base}-title`}>
      <div className="item__head">
        <h3 id={`${base}-title`} className="item__title"><ItemLink id={item.id} title={item.title} /></h3>
        <ItemTags item={item} />
      </div>
      <p className="item__description">{item.description}</p>
      <p className="item__meta">
        <span>Id: <code>{item.id}</code></span>
        {item.due && <span>Due: {formatDate(item.due)}</span>}
        {!item.personLevel && <span>Evidence files: {item.attachments}</span>}
        {item.typicalOwner && <span>Usually owned by: {item.typicalOwner}</span>}
        {item.freshnessRule && <span>Keep current: {item.freshnessRule}</span>}
        {item.areas.length > 1 && <span>Also supports: {item.areas.slice(1).map((a) => areaGroupOf(a).shortName).join(', ')}</span>}
        {item.personLevel && <span className="item__person-level">Person-level: status only, never in the pack</span>}
      </p>
      <ItemEditor item={item} readOnly={readOnly} />
    </li>
  );
}
