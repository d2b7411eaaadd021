// Who consumes what (events.md): the whole subscription table of the contract. Every process
// declares all of it (queues, durable consumers) before its relay publishes, so an event reaches a
// group whose service has never started yet ("topology before traffic").
import { eventSchemas, type Subject } from './contracts';

// session:revoked goes to every group but auth's (auth records its own revocations as it makes them);
// the kernel consumes it in every service (service.ts), so no service lists a consumer for it.
export const consumerGroups = {
  'tickets-service': ['order:created', 'order:cancelled', 'order:completed', 'event:created', 'event:updated', 'event:cancelled', 'session:revoked'],
  'orders-service': ['ticket:created', 'ticket:updated', 'ticket:reservation-rejected', 'expiration:complete', 'payment:created', 'event:cancelled', 'session:revoked'],
  'payments-service': ['order:created', 'order:cancelled', 'session:revoked'],
  'expiration-service': ['order:created', 'session:revoked'],
  'catalog-service': ['ticket:created', 'ticket:updated', 'session:revoked'],
  'payouts-service': ['ticket:created', 'order:created', 'payment:created', 'payment:refunded', 'event:created', 'event:updated', 'event:cancelled', 'session:revoked'],
  'delivery-service': ['ticket:created', 'ticket:updated', 'order:completed', 'order:cancelled', 'event:created', 'event:updated', 'event:cancelled', 'session:revoked'],
} as const satisfies Record<string, readonly Subject[]>;

export type ConsumerGroup = keyof typeof consumerGroups;

export interface SubscriptionEntry {
  group: string;
  subject: Subject;
}

/** Every (group, subject) pair of the contract. */
export const subscriptionTable: SubscriptionEntry[] = Object.entries(consumerGroups)
  .flatMap(([group, subjects]) => subjects.map((subject) => ({ group, subject })));

/** The groups that receive a subject. */
export function groupsFor(subject: Subject): string[] {
  return subscriptionTable.filter((entry) => entry.subject === subject).map((entry) => entry.group);
}

/**
 * False only for a contract subject no group consumes (none today; payment:refunded was one): a
 * publish of it may reach no queue. Any other publish that no queue receives is refused.
 */
export function expectsConsumers(subject: string): boolean {
  return !(subject in consumerGroupsBySubject) || consumerGroupsBySubject[subject].length > 0;
}

const consumerGroupsBySubject: Record<string, string[]> = Object.fromEntries(
  Object.keys(eventSchemas).map((subject) => [subject, groupsFor(subject as Subject)]),
);
