// The messages of the price adjustment (priceAdjustment): a later adjustment supersedes this one.
import { defineUpdate } from '@temporalio/workflow';
import type { SupersedeInput } from '../../domain/prices';

export const supersedeUpdate = defineUpdate<{ superseded: true }, [SupersedeInput]>('supersede');
