import { call } from '../../api/call';
import { useAppStore } from '../../state/app-store';
import type { SelfEvaluationArea, useSelfEvaluation } from './self-evaluation-state';
import { useApiQuery } from '../../state/use-api-query';
import { useSavedText } from '../../ui/use-saved-text';
import { useQueries } from '@tanstack/react-query';
import { queryKey } from '../../state/query-keys';

type Change = ReturnType<typeof useSelfEvaluation>['change'];
type Link = SelfEvaluationArea['evidence'][number];
type TextField = 'whatGood' | 'strengths' | 'development' | 'impact' | 'nextSteps';

const FIELDS: { key: TextField; label: string; hint: string }[] = [
  {
    key: 'whatGood',
    label: 'What good looks like',
    hint: "Pre-filled from the framework's wording; make it your own.",
  },
  {
    key: 'strengths',
    label: 'Where we are: strengths',
    hint: 'What is working, with the evidence that shows it. "- " starts a bullet.',
  },
  { key: 'development', label: 'Areas for development', hint: 'What is not good enough yet.' },
  { key: 'impact', label: 'Impact', hint: 'What has changed for children, young people and families.' },
  {
    key: 'nextSteps',
    label: 'What we will do next',
    hint: 'Actions, with their references in your action plan, e.g. (action A3).',
  },
];

function GridField({
  area,
  field,
  readOnly,
  change,
}: {
  area: SelfEvaluationArea;
  field: (typeof FIELDS)[number];
  readOnly: boolean;
  change: Change;
}) {
  const saved = useSavedText(area[field.key], (value) =>
    change('selfEvaluation.save', { area: area.area, [field.key]: value }),
  );
  const id = `se-${field.key}`;
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {field.label}
      </label>
      <p className="hint" id={`${id}-hint`}>
        {field.hint}
      </p>
      <textarea
        id={id}
        className="textarea"
        rows={4}
        value={saved.draft}
        readOnly={readOnly}
        aria-describedby={`${id}-hint`}
        onChange={(e) => saved.change(e.target.value)}
        onBlur={saved.flush}
      />
      {field.key === 'whatGood' && !readOnly && area.whatGood !== area.frameworkWording && (
        <button
          type="button"
          className="link-button"
          onClick={() => void change('selfEvaluation.save', { area: area.area, whatGood: area.frameworkWording })}
        >
          Put back the framework's wording
        </button>
      )}
    </div>
  );
}

const same = (a: Link, b: Link) => a.kind === b.kind && a.id === b.id;

/** The evidence behind the area's evaluation: its checklist items, metrics and the files of the linked items. */
function EvidenceLinks({ area, readOnly, change }: { area: SelfEvaluationArea; readOnly: boolean; change: Change }) {
  const items = useAppStore((s) => s.items).filter((i) => (i.areas as string[]).includes(area.area));
  const metrics = useApiQuery('metrics.list', {});
  const linkedItems = area.evidence.flatMap((l) => (l.kind === 'item' ? [l.id] : []));
  // The linked items' files, each item's list cached under its own key (the one the item's page reads).
  const lists = useQueries({
    queries: linkedItems.map((itemId) => ({
      queryKey: queryKey('attachments.list', { itemId }),
      queryFn: () => call('attachments.list', { itemId }),
    })),
  });
  const files = lists
    .flatMap((l) => l.data?.attachments ?? [])
    .filter((a) => a.state === 'current')
    .map((a) => ({ id: a.chainId, label: `${a.title} (${a.fileName})` }));
  const metricChoices = [
    ...new Map(
      (metrics.data?.metrics ?? []).filter((m) => m.status === 'ok' && !m.breakdown).map((m) => [m.id, m.title]),
    ).entries(),
  ];
  const toggle = (link: Link, on: boolean) =>
    void change('selfEvaluation.save', {
      area: area.area,
      evidence: on ? [...area.evidence, link] : area.evidence.filter((l) => !same(l, link)),
    });
  const box = (link: Link, label: string) => {
    const id = `se-link-${link.kind}-${link.id}`;
    return (
      <div className="checkbox" key={id}>
        <input
          id={id}
          type="checkbox"
          disabled={readOnly}
          checked={area.evidence.some((l) => same(l, link))}
          onChange={(e) => toggle(link, e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  };
  return (
    <details className="outline__items">
      <summary>Evidence ({area.evidence.length} linked)</summary>
      <fieldset className="fieldset">
        <legend className="label">Checklist items in this area</legend>
        <div className="checkboxes">{items.map((i) => box({ kind: 'item', id: i.id }, i.title))}</div>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="label">Metrics</legend>
        {metricChoices.length === 0 ? (
          <p className="hint">No metrics yet: import data on the Data screen.</p>
        ) : (
          <div className="checkboxes">{metricChoices.map(([id, title]) => box({ kind: 'metric', id }, title))}</div>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend className="label">Files of the linked items</legend>
        {files.length === 0 ? (
          <p className="hint">Link a checklist item to choose from its files.</p>
        ) : (
          <div className="checkboxes">{files.map((f) => box({ kind: 'file', id: f.id }, f.label))}</div>
        )}
      </fieldset>
    </details>
  );
}

/** One evaluation area's grid: each field saved as you type, and its evidence links. */
export function GridForm({ area, readOnly, change }: { area: SelfEvaluationArea; readOnly: boolean; change: Change }) {
  return (
    <section aria-labelledby="grid-heading" className="panel panel--wide">
      <h2 id="grid-heading">
        {/^EC\d$/.test(area.area) ? `${area.area}: ` : ''}
        {area.heading}
      </h2>
      <p className="hint">
        Framework: {area.frameworkWording}.{area.updatedAt ? ` Last changed by ${area.updatedBy}.` : ''}
      </p>
      {FIELDS.map((f) => (
        <GridField key={f.key} area={area} field={f} readOnly={readOnly} change={change} />
      ))}
      <EvidenceLinks area={area} readOnly={readOnly} change={change} />
    </section>
  );
}
