import type { Response } from '../../../shared/api/contract';
import { api, call } from '../../api/call';
import { useAppStore } from '../../state/app-store';
import { useState } from 'react';
import { ImportForm } from './ImportForm';
import { EnterFiguresForm } from './EnterFiguresForm';
import { MetricsTable } from './MetricsTable';
import { useApiQuery } from '../../state/use-api-query';
import { messageOf } from '../../state/errors';

type Dataset = Response<'datasets.list'>['datasets'][number];

const PERIOD_FORMS: Record<string, string> = {
  'calendar-year': 'a calendar year, e.g. 2024',
  'academic-year': 'an academic year, e.g. 2023/24',
  'financial-year': 'a financial year, e.g. 2024/25',
  snapshot: 'the date of the snapshot, e.g. 31/03/2025',
};

/** The columns every file names besides the figures: the period, the area (national files) and the breakdown. */
function identifyingColumns(dataset: Dataset): { name: string; title: string; type: string; required: string }[] {
  return [
    {
      name: 'period',
      title: `The period: ${PERIOD_FORMS[dataset.periodType] ?? dataset.periodType}`,
      type: 'period',
      required: 'Yes, unless you give the period when importing',
    },
    ...(dataset.breakdown
      ? [
          {
            name: dataset.breakdown.name,
            title: `${dataset.breakdown.title}: one of ${dataset.breakdown.values.map((v) => v.title).join(', ')}`,
            type: 'text',
            required: 'Yes',
          },
        ]
      : []),
    {
      name: 'area',
      title: 'The area: authority name or LA code, or England (for files with several areas)',
      type: 'text',
      required: 'No',
    },
  ];
}

export function DatasetPanel({ dataset }: { dataset: Dataset }) {
  const identifying = identifyingColumns(dataset);
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const [status, setStatus] = useState('');
  const imports = useApiQuery('imports.list', { dataset: dataset.name });
  const saveTemplate = async (format: 'csv' | 'xlsx') => {
    try {
      const { fileName, bytes } = await call('datasets.template', { dataset: dataset.name, format });
      const saved = await api().saveFile(fileName, bytes);
      setStatus(saved.saved ? `Saved the blank template ${saved.path ?? fileName}` : 'The template was not saved');
    } catch (error) {
      setStatus(messageOf(error));
    }
  };
  return (
    <section aria-labelledby="dataset-heading">
      <h2 id="dataset-heading" tabIndex={-1}>
        {dataset.title}
      </h2>
      <details className="columns-details">
        <summary>Columns this dataset takes ({identifying.length + dataset.columns.length})</summary>
        <table className="table">
          <caption className="visually-hidden">Columns of {dataset.title}</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Meaning</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
            </tr>
          </thead>
          <tbody>
            {identifying.map((c) => (
              <tr key={c.name}>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>{c.title}</td>
                <td>{c.type}</td>
                <td>{c.required}</td>
              </tr>
            ))}
            {dataset.columns.map((c) => (
              <tr key={c.name}>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>{c.title}</td>
                <td>
                  {c.type === 'count'
                    ? `count (${c.unit})`
                    : c.type === 'percent'
                      ? 'percentage'
                      : `${c.type} (${c.unit})`}
                </td>
                <td>{c.required ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void saveTemplate('csv')}>
          Save a blank CSV template
        </button>
        <button type="button" className="button button--secondary" onClick={() => void saveTemplate('xlsx')}>
          Save a blank Excel template
        </button>
      </div>
      <p className="hint" role="status">
        {status}
      </p>
      {!readOnly && <ImportForm dataset={dataset} />}
      {!readOnly && <EnterFiguresForm dataset={dataset} />}
      {imports.data && imports.data.imports.length > 0 && (
        <details>
          <summary>Files imported ({imports.data.imports.length})</summary>
          <ul className="plain-list">
            {imports.data.imports.map((i) => (
              <li key={i.id}>
                {i.sourceName}: {i.rowsKept} rows for {i.periods.join(', ')}, by {i.importedBy}
                {i.discardedColumns.length ? `; columns not kept: ${i.discardedColumns.join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <MetricsTable dataset={dataset.name} title={dataset.title} />
    </section>
  );
}
