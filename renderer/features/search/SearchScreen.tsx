import { useState, type FormEvent } from 'react';
import type { Response } from '../../../shared/api/contract';
import { call } from '../../api/call';
import { ItemLink } from '../../ui/ItemLink';
import { useAction } from '../../state/use-action';
import './search.css';

/** Search over item titles and notes, attachment titles and the text inside attached documents. */
export function SearchScreen() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Response<'search.query'>['hits'] | null>(null);
  const { run, problem } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => setHits((await call('search.query', { query })).hits));
  };
  return (
    <>
      <h1>Search</h1>
      <form role="search" onSubmit={(e) => void submit(e)} className="search-form">
        <label className="label" htmlFor="search-query">
          Search items, notes and the text of evidence files
        </label>
        <div className="search-form__row">
          <input
            id="search-query"
            type="search"
            className="input"
            value={query}
            autoFocus
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      {hits && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" aria-live="polite">
            {hits.length === 0 ? 'Nothing found' : `${hits.length} result${hits.length === 1 ? '' : 's'}`}
          </h2>
          <ul className="plain-list search-results">
            {hits.map((h, index) => (
              <li key={`${h.kind}-${h.attachmentId ?? h.itemId}-${index}`}>
                <ItemLink id={h.itemId} title={h.title} />{' '}
                <span className="hint">{h.kind === 'attachment' ? 'Evidence file' : 'Checklist item'}</span>
                {h.snippet && <p className="search-results__snippet">{h.snippet}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
