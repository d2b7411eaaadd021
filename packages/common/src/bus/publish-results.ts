// One rule for every adapter's publish(): all confirmed, or PublishFailed naming what was.
import { PublishFailed, type OutgoingMessage } from './port';

export function throwUnlessAll(messages: OutgoingMessage[], results: PromiseSettledResult<unknown>[]): void {
  const failures = results.flatMap((result, index) => result.status === 'rejected'
    ? [{ id: messages[index].envelope.id, error: result.reason instanceof Error ? `${result.reason.name}: ${result.reason.message}` : String(result.reason) }]
    : []);
  if (failures.length === 0) return;
  const confirmed = messages.filter((_, index) => results[index].status === 'fulfilled').map(({ envelope }) => envelope.id);
  throw new PublishFailed(`${failures.length} of ${messages.length} messages not confirmed: ${failures[0].error}`, confirmed, failures);
}
