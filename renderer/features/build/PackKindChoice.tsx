import { PACK_KIND_DEFINITIONS, PACK_KIND_IDS, type PackKindId } from '../../../shared/domain/pack-kinds';

const LABELS: Record<PackKindId, string> = {
  'evidence-pack': 'Evidence pack',
  'self-evaluation': 'Self-evaluation alone',
  briefing: 'Briefing for schools and settings',
};

/** Which document to build: choosing one sets the sections to its own (the officer can still change them). */
export function PackKindChoice({ kind, onKind }: { kind: PackKindId; onKind: (kind: PackKindId) => void }) {
  return (
    <fieldset className="fieldset">
      <legend className="label">Document</legend>
      <div className="radios">
        {PACK_KIND_IDS.map((k) => (
          <div className="checkbox" key={k}>
            <input
              id={`kind-${k}`}
              type="radio"
              name="pack-kind"
              checked={kind === k}
              onChange={() => onKind(k)}
              aria-describedby={`kind-${k}-hint`}
            />
            <label htmlFor={`kind-${k}`}>
              {LABELS[k]}{' '}
              <span className="hint" id={`kind-${k}-hint`}>
                ({PACK_KIND_DEFINITIONS[k].summary})
              </span>
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
