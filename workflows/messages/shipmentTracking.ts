// The messages of shipment tracking (shipmentTracking): carrier and head-office events, the scan-in receipt.
import { defineUpdate } from '@temporalio/workflow';
import type { ReceiptInput, ShipmentEventInput, ShipmentEventResult, ShipmentStateView } from '../../domain/shipments';

export const shipmentEventUpdate = defineUpdate<ShipmentEventResult, [ShipmentEventInput]>('shipmentEvent');
export const receiptUpdate = defineUpdate<ShipmentStateView, [ReceiptInput]>('receipt');
