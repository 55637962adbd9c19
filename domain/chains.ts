// Approval chains built from data: a template lists the candidate steps with conditions,
// and the facts of one submission (e.g. its amount) decide which apply. Pure: workflows,
// the API and tests share it.
import type { AssigneeRef, ChainSpec, StepSpec } from './approval';

export interface StepRule extends StepSpec {
  /** The step applies only when the submission's amount (fen) is strictly above this. */
  whenAmountFenAbove?: number;
}

export interface ChainTemplate {
  steps: StepRule[];
  cc?: AssigneeRef[];
}

export interface ChainFacts {
  amountFen?: number | bigint;
}

export function buildChain(template: ChainTemplate, facts: ChainFacts = {}): ChainSpec {
  const steps: StepSpec[] = template.steps
    .filter((rule) => {
      if (rule.whenAmountFenAbove === undefined) return true;
      if (facts.amountFen === undefined) return false;
      return BigInt(facts.amountFen) > BigInt(rule.whenAmountFenAbove);
    })
    .map(({ whenAmountFenAbove: _when, ...step }) => step);
  if (!steps.length) throw new Error('an approval chain needs at least one step');
  return { steps, ...(template.cc?.length ? { cc: template.cc } : {}) };
}

/**
 * The department's chain for a general approval without explicit steps: the submitter's
 * superior, then the merchandise manager, then finance when the amount is above `thresholdFen`.
 */
export function defaultChain(thresholdFen: number): ChainTemplate {
  return {
    steps: [
      { key: 'supervisor', title: { 'zh-CN': '上级审批', en: 'Superior approval' }, assignees: [{ superiorOf: 'submitter' }] },
      { key: 'manager', title: { 'zh-CN': '商品经理审批', en: 'Merchandise manager approval' }, assignees: [{ role: 'manager' }] },
      {
        key: 'finance',
        title: { 'zh-CN': '财务审批', en: 'Finance approval' },
        assignees: [{ role: 'finance' }],
        whenAmountFenAbove: thresholdFen,
      },
    ],
  };
}
