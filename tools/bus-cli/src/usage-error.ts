// A mistake in how the CLI was called (or in the data given to it): printed without a stack trace.
export class UsageError extends Error {
  override name = 'UsageError';
}
