import { useState } from 'react';
import { useAppStore } from '../state/app-store';
import { CaseStudiesPanel } from './CaseStudiesPanel';
import { GridForm } from './SelfEvaluationGrid';
import { RatingsPanel } from './RatingsPanel';
import { ScreenLoading } from './ScreenLoading';
import { TargetsPanel } from './TargetsPanel';
import { useSelfEvaluation } from './self-evaluation-state';
import { useSavedText } from './use-saved-text';

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
      <p className="lead">Your evaluation of each area against what good looks like, rated and dated, with the evidence behind it.
        It prints in the pack (and alone, as the self-evaluation) with the local context, voice, case studies and KPIs.</p>
      {problem && <p className="error-message" role="alert">{problem}</p>}
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="se-area">Evaluation area</label>
        <select id="se-area" className="select" value={current.area} onChange={(e) => setArea(e.target.value)}>
          {state.areas.map((a) => (
            <option key={a.area} value={a.area}>
              {/^EC\d$/.test(a.area) ? `${a.area}: ` : ''}{a.heading}{a.ratings.length ? ` (${a.ratings.at(-1)!.rating})` : ''}
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

function ContextPanel({ text, readOnly, change }: { text: string; readOnly: boolean; change: ReturnType<typeof useSelfEvaluation>['change'] }) {
  const field = useSavedText(text, (value) => change('selfEvaluation.saveContext', { text: value }));
  return (
    <section aria-labelledby="context-heading" className="panel panel--wide">
      <h2 id="context-heading">Local context</h2>
      <div className="form-group">
        <label className="label" htmlFor="se-context">What inspectors should know about the area</label>
        <p className="hint" id="se-context-hint">Population 0–25, need and plans, partners and ICB footprint. The pack adds the figures your imported data holds. Saved as you type.</p>
        <textarea id="se-context" className="textarea" rows={6} value={field.draft} readOnly={readOnly} aria-describedby="se-context-hint"
          onChange={(e) => field.change(e.target.value)} onBlur={field.flush} />
      </div>
    </section>
  );
}
