import { useState, type FormEvent } from 'react';
import { uploadFiles } from '../../api/call';
import { write } from '../../state/write';
import { useApiQuery } from '../../state/use-api-query';
import { useAction } from '../../state/use-action';

const authorities = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'authority' : 'authorities'}`;

/**
 * The statistical neighbour list benchmarking uses (§4.1): the shipped CSSNBT list, or a file the workspace replaced
 * it with (DfE revises the model; an area may use another list). Shows the authority's ten neighbours, nearest first.
 */
export function NeighbourSettings({ readOnly }: { readOnly: boolean }) {
  const { data, error } = useApiQuery('benchmarks.neighbours', {});
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState('');
  const { run, problem, setProblem, busy } = useAction();
  const replace = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblem('Choose the neighbour list file');
      return;
    }
    setStatus('');
    const done = await run(async () => {
      const [handle] = await uploadFiles([file]);
      await write('benchmarks.setNeighbours', { file: handle! });
    });
    if (done) {
      setStatus(`Saved: benchmarking now uses ${file.name}. Neighbour averages are worked out from it.`);
      setFile(null);
    }
  };
  const reset = async () => {
    setStatus('');
    if (await run(() => write('benchmarks.setNeighbours', { reset: true })))
      setStatus('Saved: benchmarking uses the list shipped with the app again.');
  };
  return (
    <section aria-labelledby="neighbours-heading">
      <h2 id="neighbours-heading">Statistical neighbours</h2>
      <p>
        Each figure is compared with the average of your authority&rsquo;s ten statistical neighbours. The app ships the
        Children&rsquo;s Services Statistical Neighbour Benchmarking Tool list (NFER, for DfE). If DfE revises it, or
        your area uses another list, replace it with a file in the same layout: the first row names each authority, its
        neighbours go below it, nearest first (CSV or Excel).
      </p>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <p data-neighbours-source="">
            In use:{' '}
            {data.source === 'shipped'
              ? `the list shipped with the app (${authorities(data.authorities)}).`
              : `${data.source} (${authorities(data.authorities)}), in place of the list shipped with the app.`}
          </p>
          {data.area &&
            (data.neighbours.length ? (
              <>
                <h3 id="neighbours-list-heading">{data.area.name}&rsquo;s neighbours, nearest first</h3>
                <ol aria-labelledby="neighbours-list-heading">
                  {data.neighbours.map((n) => (
                    <li key={n.code}>
                      {n.name} <span className="hint">({n.code})</span>
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p>The list in use names no neighbours for {data.area.name}: no neighbour average can be shown.</p>
            ))}
        </>
      )}
      {!readOnly && (
        <form onSubmit={(e) => void replace(e)} noValidate className="panel" aria-labelledby="neighbours-file-heading">
          <h3 id="neighbours-file-heading">Replace the list</h3>
          <div className={`form-group${problem ? ' form-group--error' : ''}`}>
            <label className="label" htmlFor="neighbours-file">
              Neighbour list file
            </label>
            {problem && (
              <p className="error-message" id="neighbours-file-error" role="alert">
                {problem}
              </p>
            )}
            <input
              id="neighbours-file"
              type="file"
              className="file-input"
              accept=".csv,.xlsx,text/csv"
              aria-describedby={problem ? 'neighbours-file-error' : undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--secondary" disabled={busy}>
              Use this list
            </button>
            {data && data.source !== 'shipped' && (
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void reset()}>
                Go back to the shipped list
              </button>
            )}
          </div>
          <p role="status" className="hint">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}
