import { useState } from 'react';
import { useAppStore } from '../../state/app-store';
import { CaseStudiesPanel } from './CaseStudiesPanel';
import { GridForm } from './SelfEvaluationGrid';
import { RatingsPanel } from './RatingsPanel';
import { ScreenLoading } from '../../ui/ScreenLoading';
import { TargetsPanel } from './TargetsPanel';
import { useSelfEvaluation } from './self-evaluation-state';
import { useSavedText } from '../../ui/use-saved-text';
import { useApiQuery } from '../../state/use-api-query';
import type { Response } from '../../../shared/api/contract';
import './self-evaluation.css';

/**
 * The self-evaluation inspectors read first: a grid per evaluation area (what good looks like, strengths, areas for
 * development, impact, next steps, evidence) with dated ratings, the local context, case studies and KPI targets.
 * Each is a section of the pack; `Build pack` can build the self-evaluation alone.
 */
export function SelfEvaluationScreen() {
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const { state, error, problem, change } = useSelfEvaluation();
  const [area, setArea] = useState<string>('EC1');
  if (!state) return <ScreenLoading title="Self-evaluation" error={error} />;
  const current = state.areas.find((a) => a.area === area) ?? state.areas[0]!;
  return (
    <>
      <h1>Self-evaluation</h1>
      <p className="lead">
        Your evaluation of each area against what good looks like, rated and dated, with the evidence behind it. It
        prints in the pack (and alone, as the self-evaluation) with the local context, voice, case studies and KPIs.
      </p>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="se-area">
          Evaluation area
        </label>
        <select id="se-area" className="select" value={current.area} onChange={(e) => setArea(e.target.value)}>
          {state.areas.map((a) => (
            <option key={a.area} value={a.area}>
              {/^EC\d$/.test(a.area) ? `${a.area}: ` : ''}
              {a.heading}
              {a.ratings.length ? ` (${a.ratings.at(-1)!.rating})` : ''}
            </option>
          ))}
        </select>
      </div>
      <GridForm key={current.area} area={current} readOnly={readOnly} change={change} />
      <RatingsPanel area={current} scale={state.scale} readOnly={readOnly} change={change} />
      <ContextPanel text={state.context.text} readOnly={readOnly} change={change} />
      <CaseStudiesPanel caseStudies={state.caseStudies} readOnly={readOnly} change={change} />
      <TargetsPanel targets={state.targets} readOnly={readOnly} change={change} />
    </>
  );
}

type Metric = Response<'metrics.list'>['metrics'][number];

/** A first paragraph of context from the imported figures (the latest period of each), for the officer to edit. */
export function contextFromFigures(metrics: readonly Metric[]): string {
  const latest = (id: string) =>
    metrics
      .filter((m) => m.id === id && !m.breakdown && m.status === 'ok' && m.value !== null)
      .sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  const england = (m: Metric) =>
    m.comparator ? `; England ${m.comparator.value.toLocaleString('en-GB')}${m.unit === '%' ? '%' : ''}` : '';
  const parts: string[] = [];
  const caseload = latest('ehcp-caseload');
  // Counts this large are never small numbers; a small area's are left for the officer to add.
  if (caseload && caseload.value! >= 100)
    parts.push(
      `${caseload.value!.toLocaleString('en-GB')} children and young people aged 0 to 25 had an EHC plan at the January census (${caseload.period}).`,
    );
  const ehcp = latest('sen-rates-ehcp');
  const support = latest('sen-rates-sen-support');
  if (ehcp) parts.push(`${ehcp.value}% of pupils had an EHC plan (${ehcp.period}${england(ehcp)}).`);
  if (support) parts.push(`${support.value}% of pupils received SEN support (${support.period}${england(support)}).`);
  return parts.join(' ');
}

function ContextPanel({
  text,
  readOnly,
  change,
}: {
  text: string;
  readOnly: boolean;
  change: ReturnType<typeof useSelfEvaluation>['change'];
}) {
  const field = useSavedText(text, (value) => change('selfEvaluation.saveContext', { text: value }));
  const metrics = useApiQuery('metrics.list', {});
  const suggestion = contextFromFigures(metrics.data?.metrics ?? []);
  return (
    <section aria-labelledby="context-heading" className="panel panel--wide">
      <h2 id="context-heading">Local context</h2>
      <div className="form-group">
        <label className="label" htmlFor="se-context">
          What inspectors should know about the area
        </label>
        <p className="hint" id="se-context-hint">
          Population 0–25, need and plans, partners and ICB footprint. The pack adds the figures your imported data
          holds. Saved as you type.
        </p>
        <textarea
          id="se-context"
          className="textarea"
          rows={6}
          value={field.draft}
          readOnly={readOnly}
          aria-describedby="se-context-hint"
          onChange={(e) => field.change(e.target.value)}
          onBlur={field.flush}
        />
      </div>
      {!readOnly && suggestion && !field.draft.includes(suggestion) && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            field.change(field.draft.trim() ? `${field.draft.trim()}\n\n${suggestion}` : suggestion);
          }}
        >
          Add the imported figures to the text
        </button>
      )}
    </section>
  );
}
