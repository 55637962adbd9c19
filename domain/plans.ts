// Plan approval (docs/domain.md, process 1): the rules that the workflow, the API and the UI share.
// Pure: no I/O, no Node built-ins. Money is integer fen (numbers here: plan totals stay far
// below 2^53 fen).
import type { ChainTemplate } from './chains';

export type PlanType = 'purchase' | 'launch';

export interface PlanLineInput {
  category: string;
  regionId?: string | null;
  storeId?: string | null;
  qty: number;
  amountFen: number;
}

export interface PlanWaveInput {
  name: string;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn?: string | null;
  categories: string[];
}

export interface Amounts {
  qty: number;
  amountFen: number;
}

export interface PlanTotals extends Amounts {
  byRegion: (Amounts & { regionId: string | null })[];
  byCategory: (Amounts & { category: string })[];
}

export interface PlanDiff {
  added: PlanLineInput[];
  removed: PlanLineInput[];
  changed: { key: string; before: PlanLineInput; after: PlanLineInput }[];
  totals: { before: Amounts; after: Amounts };
}

/** A line is the same line across revisions when it is for the same category and place. */
export function lineKey(line: PlanLineInput): string {
  return [line.category, line.regionId ?? '', line.storeId ?? ''].join('|');
}

function sum(lines: PlanLineInput[]): Amounts {
  return lines.reduce((a, l) => ({ qty: a.qty + l.qty, amountFen: a.amountFen + l.amountFen }), { qty: 0, amountFen: 0 });
}

function groupBy<K>(lines: PlanLineInput[], keyOf: (l: PlanLineInput) => K): Map<K, Amounts> {
  const out = new Map<K, Amounts>();
  for (const l of lines) {
    const a = out.get(keyOf(l)) ?? { qty: 0, amountFen: 0 };
    out.set(keyOf(l), { qty: a.qty + l.qty, amountFen: a.amountFen + l.amountFen });
  }
  return out;
}

/**
 * Totals of a plan, overall and per region and category. `regionOf` gives a store's region,
 * so store lines count towards their region.
 */
export function planTotals(lines: PlanLineInput[], regionOf: (storeId: string) => string | null = () => null): PlanTotals {
  const region = (l: PlanLineInput) => l.regionId ?? (l.storeId ? regionOf(l.storeId) : null);
  return {
    ...sum(lines),
    byRegion: [...groupBy(lines, region)]
      .map(([regionId, a]) => ({ regionId, ...a }))
      .sort((x, y) => String(x.regionId).localeCompare(String(y.regionId))),
    byCategory: [...groupBy(lines, (l) => l.category)]
      .map(([category, a]) => ({ category, ...a }))
      .sort((x, y) => x.category.localeCompare(y.category)),
  };
}

/** What changed from one revision to the next: lines added, removed, changed, and the totals. */
export function diffLines(before: PlanLineInput[], after: PlanLineInput[]): PlanDiff {
  const old = new Map(before.map((l) => [lineKey(l), l]));
  const now = new Map(after.map((l) => [lineKey(l), l]));
  return {
    added: after.filter((l) => !old.has(lineKey(l))),
    removed: before.filter((l) => !now.has(lineKey(l))),
    changed: after.flatMap((l) => {
      const was = old.get(lineKey(l));
      return was && (was.qty !== l.qty || was.amountFen !== l.amountFen) ? [{ key: lineKey(l), before: was, after: l }] : [];
    }),
    totals: { before: sum(before), after: sum(after) },
  };
}

/**
 * The approval chain of a plan, as data: the merchandise supervisor, then the merchandise
 * manager, then finance and the general manager together (会签) above the threshold. A step of
 * a role the submitter holds is left out: nobody approves their own plan.
 */
export function planChainTemplate(thresholdFen: number, submitterRoles: readonly string[]): ChainTemplate {
  const steps: ChainTemplate['steps'] = [
    { key: 'supervisor', title: { 'zh-CN': '商品主管审批', en: 'Supervisor approval' }, assignees: [{ role: 'supervisor' }] },
    { key: 'manager', title: { 'zh-CN': '商品经理审批', en: 'Merchandise manager approval' }, assignees: [{ role: 'manager' }] },
    {
      key: 'finance_gm',
      title: { 'zh-CN': '财务与总经理会签', en: 'Finance and general manager' },
      assignees: [{ role: 'finance' }, { role: 'general_manager' }],
      mode: 'all',
      whenAmountFenAbove: thresholdFen,
    },
  ];
  return {
    steps: steps.filter(
      (s) =>
        !(s.key === 'supervisor' && submitterRoles.includes('supervisor')) && !(s.key === 'manager' && submitterRoles.includes('manager')),
    ),
  };
}

/** Workflow id of a plan's approval: one run per plan. */
export const planWorkflowId = (planId: string) => `plan-${planId}`;
