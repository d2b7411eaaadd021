// A bus of a test's own: the in-process one, or the local RabbitMQ on an exchange no other test
// uses, with retries fast enough for a test to see a redelivery.
import { createBus, type ManagedBus } from '../bus/create-bus';
import type { RetryPolicy } from '../bus/port';
import { uniqueName } from './databases';

export const TEST_RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const fastRetries: RetryPolicy = { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 1_000 };

export function openTestBus(kind: 'memory' | 'rabbitmq', name: string): Promise<ManagedBus> {
  return createBus(kind === 'memory' ? 'memory://' : TEST_RABBIT_URL, { exchange: uniqueName(`test_${name}`), policy: fastRetries });
}
