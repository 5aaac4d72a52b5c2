import type { ChecklistItem } from '../../../shared/api/contract';
import { useAppStore } from '../../state/app-store';
import { MetricsTable } from '../data/MetricsTable';
import { useApiQuery } from '../../state/use-api-query';

/** The figures an item is evidenced by (its datasets' metrics against England), with the way to add more. */
export function ItemDataPanel({ item }: { item: ChecklistItem }) {
  const openDataset = useAppStore((s) => s.openDataset);
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const { data } = useApiQuery('datasets.list', {});
  const datasets = data?.datasets.filter((d) => d.catalogueItem === item.id) ?? [];
  if (datasets.length === 0) return null;
  return (
    <section aria-labelledby="item-data-heading">
      <h2 id="item-data-heading">Data</h2>
      {datasets.map((d) => (
        <div key={d.name}>
          <h3>{d.title}</h3>
          <MetricsTable dataset={d.name} title={d.title} />
          <button type="button" className="button button--secondary" onClick={() => openDataset(d.name)}>
            {readOnly ? 'See' : 'Import or type in'} the figures<span className="visually-hidden"> for {d.title}</span>
          </button>
        </div>
      ))}
    </section>
  );
}
