import { useState } from 'react';
import { useAppStore } from '../../state/app-store';
import { useApiQuery } from '../../state/use-api-query';
import { DatasetPanel } from './DatasetPanel';
import { ScreenLoading } from '../../ui/ScreenLoading';
import { DataOverview } from './DataOverview';
import './data.css';

/**
 * Every dataset the inspectors' numbers come from. Opens on what is loaded (every dataset's periods, source, gaps
 * and metrics at a glance); choosing a dataset imports a file, types figures in, and shows its metrics and charts.
 */
export function DataScreen() {
  const { data, error } = useApiQuery('datasets.list', {});
  const [chosen, setChosen] = useState(useAppStore.getState().datasetId ?? '');
  if (error || !data) return <ScreenLoading title="Data" error={error} />;
  const dataset = data.datasets.find((d) => d.name === chosen) ?? null;
  const open = (name: string) => {
    setChosen(name);
    // Where the officer goes next is the dataset's heading (or the overview's): move focus there, as a new page would.
    requestAnimationFrame(() => document.getElementById(name ? 'dataset-heading' : 'overview-heading')?.focus());
  };
  return (
    <>
      <h1>Data</h1>
      <p className="lead">
        Import the figures inspectors look at first, from DfE's published files, case-management exports or providers'
        spreadsheets, exactly as they come. Every metric is checked against its definition and set beside the national
        figure for the same period.
      </p>
      <div className="form-group">
        <label className="label" htmlFor="dataset-choice">
          Dataset
        </label>
        <select id="dataset-choice" className="select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">What is loaded (every dataset)</option>
          {data.datasets.map((d) => (
            <option key={d.name} value={d.name}>
              {d.title}
            </option>
          ))}
        </select>
      </div>
      {dataset ? (
        <>
          <button type="button" className="link-button back-link" onClick={() => open('')}>
            Back to what is loaded
          </button>
          <DatasetPanel key={dataset.name} dataset={dataset} />
        </>
      ) : (
        <DataOverview datasets={data.datasets} onOpen={open} />
      )}
    </>
  );
}
