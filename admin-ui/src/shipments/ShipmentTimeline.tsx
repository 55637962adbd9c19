import { ProcessTimeline, useProcessTasks } from '../common/ProcessTasks';

/** The tasks of a shipment's run (its timeline and its open decisions: delay follow-ups, scan-in, discrepancy). */
export const useShipmentTasks = useProcessTasks;

/**
 * The shipment's run as a timeline, refetched when the shipment changes and, while it is `live`,
 * every few seconds: the run writes its first rows just after the shipment is created.
 */
export const ShipmentTimeline = ProcessTimeline;

export default ShipmentTimeline;
