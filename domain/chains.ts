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
