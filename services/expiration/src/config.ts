// The expiration service's environment: the shared variables plus its scheduler's.
import { baseConfigShape, env } from '@ticketing/common';
import { z } from 'zod';

export const expirationConfigSchema = z.object({
  ...baseConfigShape('expiration'),
  REDIS_URL: env.url('redis://127.0.0.1:6379'),
  /** bullmq: delayed jobs on Redis (infra mode). db: timers in this service's database (embedded mode). */
  EXPIRATION_SCHEDULER: z.enum(['bullmq', 'db']).default('bullmq'),
  /** BullMQ jobs in flight at once: a job holds its slot while its event commits, so bursts need many. */
  EXPIRATION_CONCURRENCY: env.int(200),
});

export type ExpirationConfig = z.infer<typeof expirationConfigSchema>;
