import { ApplicationFailure } from '@temporalio/workflow';
import type { RefusalCode } from '../../domain/approval';

/**
 * Refuses an Update in its validator. The type travels to the API, which maps it to an HTTP
 * status (domain/approval.ts REFUSALS); details name the bad fields for a 422.
 */
export function refuse(code: RefusalCode, message: string, details?: Record<string, string>): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details ? [details] : [] });
}
