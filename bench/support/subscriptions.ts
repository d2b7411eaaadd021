// Who consumes what (events.md) and who publishes, for the checks that read every inbox and
// outbox of a stack (bench P7, the chaos tests). Each group keeps its inbox in its service's database.
import type { ServiceName } from './infra-stack';

export const subscriptions: Array<{ service: ServiceName; group: string; subjects: string[] }> = [
  { service: 'tickets', group: 'tickets-service', subjects: ['order:created', 'order:cancelled', 'event:created', 'event:updated', 'event:cancelled'] },
  { service: 'orders', group: 'orders-service', subjects: ['ticket:created', 'ticket:updated', 'ticket:reservation-rejected', 'expiration:complete', 'payment:created', 'event:cancelled'] },
  { service: 'payments', group: 'payments-service', subjects: ['order:created', 'order:cancelled'] },
  { service: 'expiration', group: 'expiration-service', subjects: ['order:created'] },
  { service: 'catalog', group: 'catalog-service', subjects: ['ticket:created', 'ticket:updated'] },
];

/** The services with an outbox that publishes (auth publishes nothing). */
export const publishers: ServiceName[] = ['tickets', 'orders', 'payments', 'expiration', 'catalog'];
