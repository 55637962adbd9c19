import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalTarget {
  address: string;
  namespace: string;
  taskQueue: string;
}

export async function connectClient(target: TemporalTarget): Promise<Client> {
  // Fail fast when Temporal is down (~1 s of retries instead of the SDK's ~20 s): the API answers
  // 503 temporal_unavailable with Retry-After and the client retries, instead of a hanging request.
  const connection = await Connection.connect({
    address: target.address,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5 }))],
  });
  return new Client({ connection, namespace: target.namespace });
}

export function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect({ address: target.address });
}

/** For GET /health: true when the frontend answers for our namespace. */
export async function temporalReachable(client: Client, namespace: string, timeoutMs = 2000): Promise<boolean> {
  try {
    await client.connection.withDeadline(Date.now() + timeoutMs, () => client.workflowService.describeNamespace({ namespace }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether an error means "Temporal cannot be reached right now" (the frontend refuses or drops
 * the connection, or a call ran out of time), as opposed to a refusal by a workflow: the API
 * answers it with 503 temporal_unavailable and Retry-After instead of 500.
 */
export function isTemporalUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    const x = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    // gRPC status 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED (from @grpc/grpc-js, wrapped by the client's ServiceError).
    if ((x.code === 14 || x.code === 4) && typeof x.message === 'string') return true;
    if (x.name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return true;
    if (
      typeof x.message === 'string' &&
      /\b14 UNAVAILABLE\b|\b4 DEADLINE_EXCEEDED\b|No connection established|Failed to connect before the deadline/.test(x.message)
    )
      return true;
    e = x.cause;
  }
  return false;
}
