// The messages of the price adjustment (priceAdjustment): a later adjustment supersedes this one.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PriceAdjustmentStatus, SupersedeInput } from '../../domain/prices';

export const supersedeUpdate = defineUpdate<{ superseded: true }, [SupersedeInput]>('supersede');
export const priceStateQuery = defineQuery<{ status: PriceAdjustmentStatus }>('priceState');
