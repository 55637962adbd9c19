import { ProcessTimeline, useProcessTasks } from '../common/ProcessTasks';

/** The tasks of a booking's run (for its timeline and its open decisions). */
export const useBookingTasks = useProcessTasks;

/** The booking's run as a timeline (the component of the process pages), refetched when the booking changes. */
export const BookingTimeline = ({ workflowId, version }: { workflowId: string; version: string }) => (
  <ProcessTimeline workflowId={workflowId} version={version} />
);

export default BookingTimeline;
