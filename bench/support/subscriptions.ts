// Who consumes what (events.md) and who publishes, for the checks that read every inbox and
// outbox of a stack (bench P7, the chaos tests). Each group keeps its inbox in its service's database.
// Derived from the contract's table, so a subject added there is checked here too; session:revoked
// is left out (auth publishes it, and auth's outbox is not among the ones these checks read).
import { consumerGroups, type ConsumerGroup } from '../../packages/common/src/events/subscriptions';
import type { ServiceName } from './infra-stack';

const serviceOf: Record<ConsumerGroup, ServiceName> = {
  'tickets-service': 'tickets',
  'orders-service': 'orders',
  'payments-service': 'payments',
  'expiration-service': 'expiration',
  'catalog-service': 'catalog',
  'payouts-service': 'payouts',
  'delivery-service': 'delivery',
};

export const subscriptions: Array<{ service: ServiceName; group: string; subjects: string[] }> = (Object.keys(consumerGroups) as ConsumerGroup[])
  .map((group) => ({ service: serviceOf[group], group, subjects: consumerGroups[group].filter((subject) => subject !== 'session:revoked') }));

/** The services with an outbox that publishes (auth's session:revoked aside). */
export const publishers: ServiceName[] = ['tickets', 'orders', 'payments', 'expiration', 'catalog'];
// payouts publishes nothing (yet): its outbox is empty, and none of its events is anyone's input.
