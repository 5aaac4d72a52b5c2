import { useState } from 'react';
import { call } from '../api/call';
import { useAppStore } from '../state/app-store';
import { useLoaded } from './use-loaded';
import { DatasetPanel } from './DatasetPanel';
import { ScreenLoading } from './ScreenLoading';

/** Every dataset the inspectors' numbers come from: import a file, type figures in, see the metrics and charts. */
export function DataScreen() {
  const { data, error } = useLoaded(() => call('datasets.list', {}));
  const [chosen, setChosen] = useState(useAppStore.getState().datasetId ?? '');
  if (error || !data) return <ScreenLoading title="Data" error={error} />;
  const dataset = data.datasets.find((d) => d.name === chosen) ?? null;
  return (
    <>
      <h1>Data</h1>
      <p className="lead">Import the figures inspectors look at first, from DfE's published files, case-management
        exports or providers' spreadsheets, exactly as they come. Every metric is checked against its definition and set
        beside the national figure for the same period.</p>
      <div className="form-group">
        <label className="label" htmlFor="dataset-choice">Dataset</label>
        <select id="dataset-choice" className="select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose a dataset…</option>
          {data.datasets.map((d) => <option key={d.name} value={d.name}>{d.title}</option>)}
        </select>
      </div>
      {dataset && <DatasetPanel key={dataset.name} dataset={dataset} />}
    </>
  );
}
