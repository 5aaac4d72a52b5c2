import { findBreakdownValue } from '../../../../shared/domain/datasets/columns';
import { parsePeriod } from '../../../../shared/domain/datasets/period';
import type { DatasetRow } from '../../../../shared/domain/datasets/types';
import { findHeaderRow, normaliseHeader } from '../tabular/header';
import type { Cell } from '../tabular/types';
import { dayCounter, DAYS_PER_WEEK, labelLookup, meanWeeks, percentileWeeks, round1 } from './case-stats';
import type { ImportProblem, Layout, LayoutInput, LayoutResult } from './layout';
import { cellText } from './map-figures';

const SERVICE = ['service', 'service name', 'team', 'pathway', 'speciality', 'specialty', 'clinic'];
const REFERRAL = [
  'referral date',
  'date of referral',
  'referral received',
  'referral received date',
  'date referred',
  'referred on',
  'referral',
];
const SEEN = [
  'first seen',
  'first seen date',
  'date first seen',
  'first appointment',
  'first appointment date',
  'seen date',
  'date seen',
  'first contact date',
];
const REQUEST = [
  'request date',
  'date of request',
  'request received',
  'date request received',
  'ehcna request date',
  'assessment request date',
  'ehc needs assessment request date',
];
const ISSUE = [
  'issue date',
  'date issued',
  'final plan issued',
  'final plan issue date',
  'date final plan issued',
  'plan issued date',
  'final ehcp issue date',
  'ehcp issued',
];
const EXCEPTION = [
  'exception',
  'exceptions',
  'exception applies',
  'exception flag',
  'reg 13 3 exception',
  'regulation 13 3 exception',
  '13 3 exception',
];

type Roles = Record<string, string[]>;

interface Extract {
  id: string;
  dataset: string;
  roles: Roles;
  required: string[];
}

const WAITING_LIST: Extract = {
  id: 'waiting-list',
  dataset: 'health-waits',
  roles: { service: SERVICE, referral: REFERRAL, seen: SEEN },
  required: ['service', 'referral'],
};
const PLAN_LIST: Extract = {
  id: 'ehc-plan-list',
  dataset: 'ehcp-timeliness',
  roles: { request: REQUEST, issue: ISSUE, exception: EXCEPTION },
  required: ['request', 'issue'],
};

function locate(input: LayoutInput, extract: Extract) {
  const names = Object.values(extract.roles).map((list) => list.map(normaliseHeader));
  const match = findHeaderRow(input.table.rows, names, { minMatches: extract.required.length });
  if (!match) return null;
  const roleIndex: Record<string, number> = {};
  for (const [role, list] of Object.entries(extract.roles)) {
    const column = match.columns.find((c) => list.map(normaliseHeader).includes(c.normalised));
    if (column) roleIndex[role] = column.index;
  }
  return extract.required.every((r) => roleIndex[r] !== undefined) ? { match, roleIndex } : null;
}

function dateOf(
  cell: Cell | undefined,
  header: string,
  row: number,
  problems: ImportProblem[],
  optional = false,
): string | null {
  if (!cell || cell.kind === 'empty') {
    if (!optional) problems.push({ row, column: header, message: 'the date is missing' });
    return null;
  }
  if (cell.kind === 'date' && cell.date) return cell.date;
  problems.push({
    row,
    column: header,
    message: `'${cell.raw.trim().slice(0, 30)}' is not a date: write it as dd/mm/yyyy or yyyy-mm-dd`,
  });
  return null;
}

/** Starts a result that names every column and lists as discarded every one that is not read. */
function begin(extract: Extract, found: NonNullable<ReturnType<typeof locate>>): LayoutResult {
  const used = new Map(Object.entries(found.roleIndex).map(([role, index]) => [index, role]));
  const columns = found.match.columns
    .filter((c) => c.header)
    .map((c) => ({ header: c.header, field: used.has(c.index) ? `(${used.get(c.index)})` : null }));
  return {
    layout: extract.id,
    rowsRead: 0,
    rows: [],
    problems: [],
    columns,
    notes: [],
    headerRow: found.match.headerRow,
    discardedColumns: columns.filter((c) => !c.field).map((c) => c.header),
  };
}

function localArea(input: LayoutInput, result: LayoutResult): { areaCode: string; areaName: string } | null {
  const area = input.area;
  if (!area) {
    result.problems.push({
      row: null,
      column: null,
      message: 'Choose the local authority this list is for: the workspace has no LA code.',
    });
    return null;
  }
  return area.kind === 'la'
    ? { areaCode: area.la.oldCode, areaName: area.la.name }
    : { areaCode: area.code, areaName: area.name };
}

/**
 * A waiting list, one row per child: counted per service as at the snapshot date (referred on or before it, not
 * yet seen by it). Only the counts and waiting times are kept; every other column is dropped unread.
 */
export const waitingListLayout: Layout = {
  id: WAITING_LIST.id,
  recognises: (input) => input.def.id === WAITING_LIST.dataset && locate(input, WAITING_LIST) !== null,
  map(input) {
    const found = locate(input, WAITING_LIST)!;
    const result = begin(WAITING_LIST, found);
    const header = (role: string) => found.match.columns.find((c) => c.index === found.roleIndex[role])?.header ?? role;
    if (!input.snapshot) {
      result.problems.push({
        row: null,
        column: null,
        message: 'This is a waiting list with one row per child: give the snapshot date it was taken on.',
      });
      return result;
    }
    const snapshot = input.snapshot;
    const area = localArea(input, result);
    const waits = new Map<string, number[]>();
    const daysBetween = dayCounter();
    const serviceOf = labelLookup((label) => findBreakdownValue(input.def, label));
    let later = 0;
    for (let r = found.match.headerRow; r < input.table.rows.length; r++) {
      const cells = input.table.rows[r]!;
      if (cells.every((c) => c.kind === 'empty')) continue;
      result.rowsRead++;
      const row = r + 1;
      const label = cellText(cells[found.roleIndex.service!]);
      const service = label ? serviceOf(label) : undefined;
      if (!service) {
        result.problems.push({
          row,
          column: header('service'),
          message: label
            ? `'${label.slice(0, 40)}' is not a service this dataset takes: use one of ${input.def.breakdown?.values.map((v) => v.id).join(', ')}`
            : 'the service is missing',
        });
        continue;
      }
      const referral = dateOf(cells[found.roleIndex.referral!], header('referral'), row, result.problems);
      const seen =
        found.roleIndex.seen === undefined
          ? null
          : dateOf(cells[found.roleIndex.seen], header('seen'), row, result.problems, true);
      if (!referral) continue;
      if (seen && seen < referral) {
        result.problems.push({
          row,
          column: header('seen'),
          message: 'the first-seen date is before the referral date',
        });
        continue;
      }
      if (referral > snapshot) {
        later++;
        continue;
      }
      if (seen && seen <= snapshot) continue;
      const list = waits.get(service) ?? [];
      list.push(daysBetween(referral, snapshot));
      waits.set(service, list);
    }
    if (later)
      result.notes.push(
        `${later} referral${later === 1 ? ' was' : 's were'} made after the snapshot date and not counted.`,
      );
    if (!area) return result;
    const period = parsePeriod(snapshot, input.def.periodType);
    for (const [service, days] of waits) {
      days.sort((a, b) => a - b);
      const over18 = days.filter((d) => d > 18 * DAYS_PER_WEEK).length;
      const values: DatasetRow['values'] = {
        waiting_total: days.length,
        waiting_over_18_weeks: over18,
        waiting_over_52_weeks: days.filter((d) => d > 52 * DAYS_PER_WEEK).length,
        pc_waiting_over_18_weeks: round1((over18 / days.length) * 100),
        median_weeks_waiting: percentileWeeks(days, 50),
        mean_weeks_waiting: meanWeeks(days),
        p90_weeks_waiting: percentileWeeks(days, 90),
      };
      result.rows.push({
        period: period.ok ? period.period : snapshot,
        geography: 'local',
        ...area,
        breakdown: service,
        values,
        missing: {},
        sourceRow: null,
      });
    }
    return result;
  },
};

const YES = /^(y|yes|true|1|exception)$/i;
const NO = /^(n|no|false|0|none)?$/i;

/**
 * A list of EHC plans, one row per child: aggregated per calendar year of issue into the 20-week timeliness
 * figures, with and without regulation 13(3) exceptions. Only the aggregates are kept.
 */
export const planListLayout: Layout = {
  id: PLAN_LIST.id,
  recognises: (input) => input.def.id === PLAN_LIST.dataset && locate(input, PLAN_LIST) !== null,
  map(input) {
    const found = locate(input, PLAN_LIST)!;
    const result = begin(PLAN_LIST, found);
    const header = (role: string) => found.match.columns.find((c) => c.index === found.roleIndex[role])?.header ?? role;
    const area = localArea(input, result);
    const onlyPeriod = input.period ? parsePeriod(input.period, input.def.periodType) : null;
    if (onlyPeriod && !onlyPeriod.ok) {
      result.problems.push({
        row: null,
        column: null,
        message: `Give the period as a calendar year (e.g. 2024): ${onlyPeriod.error}`,
      });
    }
    const byYear = new Map<string, { days: number; exception: boolean }[]>();
    const daysBetween = dayCounter();
    let notIssued = 0;
    for (let r = found.match.headerRow; r < input.table.rows.length; r++) {
      const cells = input.table.rows[r]!;
      if (cells.every((c) => c.kind === 'empty')) continue;
      result.rowsRead++;
      const row = r + 1;
      const request = dateOf(cells[found.roleIndex.request!], header('request'), row, result.problems);
      const issue = dateOf(cells[found.roleIndex.issue!], header('issue'), row, result.problems, true);
      let exception = false;
      if (found.roleIndex.exception !== undefined) {
        const flag = cellText(cells[found.roleIndex.exception]);
        if (YES.test(flag)) exception = true;
        else if (!NO.test(flag))
          result.problems.push({
            row,
            column: header('exception'),
            message: `'${flag.slice(0, 20)}' is not yes or no`,
          });
      }
      if (!request) continue;
      if (!issue) {
        notIssued++;
        continue;
      }
      if (issue < request) {
        result.problems.push({ row, column: header('issue'), message: 'the plan was issued before it was requested' });
        continue;
      }
      const year = issue.slice(0, 4);
      if (onlyPeriod?.ok && onlyPeriod.period !== year) continue;
      let plans = byYear.get(year);
      if (!plans) {
        plans = [];
        byYear.set(year, plans);
      }
      plans.push({ days: daysBetween(request, issue), exception });
    }
    if (notIssued)
      result.notes.push(
        `${notIssued} request${notIssued === 1 ? ' has' : 's have'} no plan issued yet and ${notIssued === 1 ? 'was' : 'were'} not counted.`,
      );
    if (!area) return result;
    for (const [year, plans] of [...byYear].sort()) {
      const all = plans.map((p) => p.days).sort((a, b) => a - b);
      const ex = plans
        .filter((p) => !p.exception)
        .map((p) => p.days)
        .sort((a, b) => a - b);
      const within = (d: number) => d <= 20 * DAYS_PER_WEEK;
      const overYear = (d: number) => d > 52 * DAYS_PER_WEEK;
      const pc = (n: number, d: number) => (d ? round1((n / d) * 100) : null);
      const values: DatasetRow['values'] = {
        plans_issued_den: all.length,
        plans_issued_den_ex: ex.length,
        plans_issued_within_20_weeks: all.filter(within).length,
        plans_issued_20_weeks_ex: ex.filter(within).length,
        plans_issued_gt20weeks_ltyear: all.filter((d) => !within(d) && !overYear(d)).length,
        plans_issued_gt20weeks_ltyear_ex: ex.filter((d) => !within(d) && !overYear(d)).length,
        plans_issued_gt_1_year: all.filter(overYear).length,
        plans_issued_gt_1_year_ex: ex.filter(overYear).length,
        pc_plans_issued_within_20_weeks: pc(all.filter(within).length, all.length),
        pc_plans_issued_20_weeks_ex: pc(ex.filter(within).length, ex.length),
        avg_weeks_issue_plan: meanWeeks(all),
        avg_weeks_issue_plan_exc: meanWeeks(ex),
        median_weeks_issue_plan: percentileWeeks(all, 50),
        p90_weeks_issue_plan: percentileWeeks(all, 90),
      };
      const missing = Object.fromEntries(
        Object.entries(values)
          .filter(([, v]) => v === null)
          .map(([k]) => [k, 'z']),
      );
      result.rows.push({ period: year, geography: 'local', ...area, breakdown: '', values, missing, sourceRow: null });
    }
    return result;
  },
};
