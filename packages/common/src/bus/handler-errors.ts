// How a handler tells the bus what kind of "not done" it is (events.md, "waiting is not failing"):
//  - WaitingError: it cannot act *yet* (a version gap, a lease held elsewhere, a dependency that
//    is unreachable or slow). Retried with capped backoff for as long as it takes; never
//    dead-lettered; counted in the "oldest wait" metric.
//  - PermanentError: it can never succeed. Dead-lettered at once.
//  - anything else is unexpected: retried, and dead-lettered after the bounded number of failures.

export class WaitingError extends Error {
  override name = 'WaitingError';
  readonly waiting = true;
}

/** A dependency (payment provider, Redis, another service) is unreachable, slow or answered 5xx. */
export class DependencyUnavailable extends WaitingError {
  override name = 'DependencyUnavailable';
}

export class PermanentError extends Error {
  override name = 'PermanentError';
  readonly permanent = true;
}

/** A handler that ran past the bus's handler timeout: retried as a wait (its effect is inbox-protected). */
export class HandlerTimeout extends WaitingError {
  override name = 'HandlerTimeout';
}

/** By class or by marker, so an error from another copy of this module still counts. */
export function isWaiting(error: unknown): boolean {
  return error instanceof WaitingError || (error as { waiting?: unknown } | null)?.waiting === true;
}

export function isPermanent(error: unknown): boolean {
  return error instanceof PermanentError || (error as { permanent?: unknown } | null)?.permanent === true;
}
