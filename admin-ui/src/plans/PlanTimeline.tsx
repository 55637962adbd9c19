import { ProcessTimeline } from '../common/ProcessTasks';

/**
 * The plan's approval run as a timeline (the component of the process pages), with the names
 * of tasks, people and steps; refetched whenever the plan changes.
 */
export const PlanTimeline = ({ workflowId, version }: { workflowId: string; version: string }) => (
  <ProcessTimeline workflowId={workflowId} version={version} />
);

export default PlanTimeline;
