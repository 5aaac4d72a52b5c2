import { useState, type FormEvent } from 'react';
import { write } from '../../state/write';
import type { Request, Response } from '../../../shared/api/contract';
import { AREA_GROUPS } from '../../../shared/domain/evaluation-areas';
import { METRICS } from '../../../shared/domain/metrics/index';
import { useAppStore } from '../../state/app-store';
import { DateField } from '../../ui/DateField';
import { useAction } from '../../state/use-action';

type Plan = Response<'plan.get'>;
type Action = Plan['actions'][number];
type Fields = Request<'plan.addAction'>;
type MetricRow = { metricId: string; baseline: string; baselineDate: string; target: string; targetDate: string };

const AREAS = AREA_GROUPS.filter((g) => g.id !== 'other');
const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(/,/g, '')));

/** "Recruit two case officers | due 30/06/2027 | done 02/05/2027" → a milestone; the dates are optional. */
function parseMilestones(text: string): { text: string; due: string | null; done: string | null }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split('|').map((p) => p.trim());
      const date = (word: string) => {
        const given =
          parts
            .find((p) => p.toLowerCase().startsWith(word))
            ?.slice(word.length)
            .trim() || null;
        // Officers write 30/06/2027 as often as 2027-06-30.
        const uk = given ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(given) : null;
        return uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : given;
      };
      return { text: parts[0]!, due: date('due'), done: date('done') };
    });
}
const milestoneLines = (a: Action) =>
  a.milestones
    .map((m) => [m.text, m.due ? `due ${m.due}` : '', m.done ? `done ${m.done}` : ''].filter(Boolean).join(' | '))
    .join('\n');

/** Adds an action, or changes one: what, who, when, how success is known, and the metrics it should move. */
export function ActionForm({
  plan,
  action,
  onDone,
  onCancel,
}: {
  plan: Plan;
  action?: Action;
  onDone: (plan: Plan, id: number) => void;
  onCancel: () => void;
}) {
  const items = useAppStore((s) => s.items);
  const o = plan.outcome;
  const prefix = action ? `action-${action.id}` : 'new-action';
  const [text, setText] = useState(action?.action ?? '');
  const [area, setArea] = useState<string>(action?.area ?? '');
  const [reportArea, setReportArea] = useState(action?.reportArea ?? '');
  const [lead, setLead] = useState(action?.lead ?? '');
  const [sro, setSro] = useState(action?.sro ?? '');
  const [due, setDue] = useState(action?.due ?? '');
  const [criteria, setCriteria] = useState(action?.successCriteria ?? '');
  const [impact, setImpact] = useState(action?.expectedImpact ?? '');
  const [itemIds, setItemIds] = useState<string[]>(action?.itemIds ?? []);
  const [milestones, setMilestones] = useState(action ? milestoneLines(action) : '');
  const [completed, setCompleted] = useState(action?.completedOn ?? '');
  const [metrics, setMetrics] = useState<MetricRow[]>(
    (action?.metrics ?? []).map((m) => ({
      metricId: m.metricId,
      baseline: m.baseline === null ? '' : String(m.baseline),
      baselineDate: m.baselineDate,
      target: m.target === null ? '' : String(m.target),
      targetDate: m.targetDate ?? '',
    })),
  );
  const { run, problem, setProblem } = useAction();
  const reportAreas = [
    ...(o?.areasForPriorityAction ?? []).map((t, i) => ({
      ref: `priority:${i + 1}`,
      label: `Area for priority action ${i + 1}: ${t}`,
    })),
    ...(o?.areasForImprovement ?? []).map((t, i) => ({
      ref: `improvement:${i + 1}`,
      label: `Area for improvement ${i + 1}: ${t}`,
    })),
  ];
  const setMetric = (index: number, change: Partial<MetricRow>) =>
    setMetrics(metrics.map((m, i) => (i === index ? { ...m, ...change } : m)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      !text.trim() && 'the action',
      !area && 'the evaluation area',
      !lead.trim() && 'the lead',
      !due && 'the due date',
    ].filter(Boolean);
    if (missing.length) {
      setProblem(`Enter ${missing.join(', ')}`);
      return;
    }
    const bad = metrics.find(
      (m) => !m.metricId || [m.baseline, m.target].some((v) => v.trim() !== '' && !Number.isFinite(num(v))),
    );
    if (bad) {
      setProblem('Each measure needs a metric, and its baseline and target must be numbers');
      return;
    }
    const fields: Fields = {
      action: text,
      area: area as Fields['area'],
      reportArea: reportArea || null,
      lead,
      sro,
      due,
      successCriteria: criteria,
      expectedImpact: impact,
      itemIds,
      milestones: parseMilestones(milestones),
      completedOn: completed || null,
      metrics: metrics.map((m) => ({
        metricId: m.metricId,
        baseline: num(m.baseline),
        baselineDate: m.baselineDate,
        target: num(m.target),
        targetDate: m.targetDate || null,
      })),
    };
    await run(async () => {
      if (action) onDone(await write('plan.updateAction', { id: action.id, fields }), action.id);
      else {
        const added = await write('plan.addAction', fields);
        onDone(added.plan, added.id);
      }
    });
  };
  const field = (id: string) => `${prefix}-${id}`;
  return (
    <form className="panel panel--wide" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={field('heading')}>
      <h3 id={field('heading')}>{action ? `Change action ${action.id}` : 'Add an action'}</h3>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <div className="form-group">
        <label className="label" htmlFor={field('text')}>
          Action
        </label>
        <textarea
          id={field('text')}
          className="textarea"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="form-row">
        <div className="form-group">
          <label className="label" htmlFor={field('area')}>
            Evaluation area
          </label>
          <select id={field('area')} className="select" value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="">Choose…</option>
            {AREAS.map((g) => (
              <option key={g.id} value={g.id}>
                {g.id} {g.shortName}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor={field('report-area')}>
            Responds to
          </label>
          <select
            id={field('report-area')}
            className="select"
            value={reportArea}
            onChange={(e) => setReportArea(e.target.value)}
          >
            <option value="">No particular area of the report</option>
            {reportAreas.map((r) => (
              <option key={r.ref} value={r.ref}>
                {r.label.length > 90 ? `${r.label.slice(0, 90)}…` : r.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-row">
        <div className="form-group">
          <label className="label" htmlFor={field('lead')}>
            Lead
          </label>
          <input
            id={field('lead')}
            className="input"
            value={lead}
            onChange={(e) => setLead(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor={field('sro')}>
            Senior responsible officer
          </label>
          <input
            id={field('sro')}
            className="input"
            value={sro}
            onChange={(e) => setSro(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="form-group">
          <DateField id={field('due')} label="Due" value={due} onCommit={(iso) => setDue(iso ?? '')} />
        </div>
      </div>
      <div className="form-group">
        <label className="label" htmlFor={field('criteria')}>
          Success criteria
        </label>
        <textarea
          id={field('criteria')}
          className="textarea"
          rows={2}
          value={criteria}
          onChange={(e) => setCriteria(e.target.value)}
        />
      </div>
      <div className="form-group">
        <label className="label" htmlFor={field('impact')}>
          Expected impact
        </label>
        <textarea
          id={field('impact')}
          className="textarea"
          rows={2}
          value={impact}
          onChange={(e) => setImpact(e.target.value)}
        />
      </div>
      <fieldset className="fieldset">
        <legend className="label">Measures</legend>
        <p className="hint">
          A metric the action should move, with its baseline (blank: the latest figure held) and target.
        </p>
        {metrics.map((m, i) => (
          <div className="form-row" key={i} role="group" aria-label={`Measure ${i + 1}`}>
            <div className="form-group">
              <label className="label label--small" htmlFor={field(`metric-${i}`)}>
                Metric
              </label>
              <select
                id={field(`metric-${i}`)}
                className="select"
                value={m.metricId}
                onChange={(e) => setMetric(i, { metricId: e.target.value })}
              >
                <option value="">Choose…</option>
                {METRICS.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="label label--small" htmlFor={field(`baseline-${i}`)}>
                Baseline
              </label>
              <input
                id={field(`baseline-${i}`)}
                className="input"
                inputMode="decimal"
                size={8}
                value={m.baseline}
                onChange={(e) => setMetric(i, { baseline: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="label label--small" htmlFor={field(`baseline-date-${i}`)}>
                Baseline as at
              </label>
              <input
                id={field(`baseline-date-${i}`)}
                className="input"
                size={10}
                value={m.baselineDate}
                onChange={(e) => setMetric(i, { baselineDate: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="label label--small" htmlFor={field(`target-${i}`)}>
                Target
              </label>
              <input
                id={field(`target-${i}`)}
                className="input"
                inputMode="decimal"
                size={8}
                value={m.target}
                onChange={(e) => setMetric(i, { target: e.target.value })}
              />
            </div>
            <div className="form-group">
              <DateField
                id={field(`target-date-${i}`)}
                label="Target by"
                small
                hint="dd/mm/yyyy"
                value={m.targetDate}
                onCommit={(iso) => setMetric(i, { targetDate: iso ?? '' })}
              />
            </div>
            <button type="button" className="link-button" onClick={() => setMetrics(metrics.filter((_, j) => j !== i))}>
              Remove<span className="visually-hidden"> measure {i + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            setMetrics([...metrics, { metricId: '', baseline: '', baselineDate: '', target: '', targetDate: '' }])
          }
        >
          Add a measure
        </button>
      </fieldset>
      <div className="form-group">
        <label className="label" htmlFor={field('milestones')}>
          Milestones
        </label>
        <p id={field('milestones-hint')} className="hint">
          One per line; add dates with a bar: Recruit two case officers | due 30/06/2027 | done 02/05/2027
        </p>
        <textarea
          id={field('milestones')}
          className="textarea"
          rows={3}
          value={milestones}
          aria-describedby={field('milestones-hint')}
          onChange={(e) => setMilestones(e.target.value)}
        />
      </div>
      <div className="form-row">
        <div className="form-group">
          <label className="label" htmlFor={field('items')}>
            Linked checklist items
          </label>
          <select
            id={field('items')}
            className="select"
            multiple
            size={5}
            value={itemIds}
            onChange={(e) => setItemIds([...e.target.selectedOptions].map((opt) => opt.value))}
          >
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </div>
        {action && (
          <div className="form-group">
            <DateField
              id={field('completed')}
              label="Completed on"
              value={completed}
              onCommit={(iso) => setCompleted(iso ?? '')}
            />
          </div>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {action ? 'Save the action' : 'Add the action'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
