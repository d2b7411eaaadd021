// The process around a service (what each service's main.ts calls): read and check config, build
// the real adapters (PostgreSQL, broker, JWKS), start, and stop gracefully on SIGTERM/SIGINT.
import { z } from 'zod';
import { createBus, type ManagedBus } from './bus/create-bus';
import type { RetryPolicy } from './bus/port';
import { ConfigError, env, loadConfig } from './config';
import { createPostgresDb, ensureDatabase } from './db/postgres';
import type { Db } from './db/port';
import { createSessionVerifier } from './http/session';
import { createLogger, type Logger } from './logger';
import { BusMetrics, createRegistry } from './metrics';
import type { Service, ServiceDeps } from './service';
import { startTraceExport } from './tracing';

export const ports = { gateway: 3000, auth: 3001, tickets: 3002, orders: 3003, payments: 3004, expiration: 3005, web: 3006, catalog: 3007, payouts: 3008, delivery: 3009 } as const;

/** Variables every service process reads. Each service extends this with its own. */
export function baseConfigShape(service: keyof typeof ports) {
  return {
    PORT: env.port(ports[service]),
    HOST: env.string('127.0.0.1'),
    DATABASE_URL: env.url(`postgres://postgres@127.0.0.1:5432/ticketing_${service}`),
    /** Connections this process keeps to its database (replicas × this must fit the server's max_connections). */
    DATABASE_POOL_SIZE: env.int(10),
    BUS_URL: env.string('amqp://guest:guest@127.0.0.1:5672'),
    /** RabbitMQ: `quorum` declares the group and dead-letter queues as quorum queues (a cluster). */
    BUS_QUEUE_TYPE: z.enum(['classic', 'quorum']).default('classic'),
    /** Unexpected failures before a message is dead-lettered (waits do not count). */
    BUS_MAX_ATTEMPTS: env.int(10),
    /** Cap of the backoff between redeliveries, waits included. */
    BUS_RETRY_MAX_DELAY_MS: env.int(60_000),
    /** A handler still running after this long is retried (its effect is inbox-protected). */
    BUS_HANDLER_TIMEOUT_MS: env.int(30_000),
    AUTH_JWKS_URL: env.url(`http://127.0.0.1:${ports.auth}/api/users/.well-known/jwks.json`),
    LOG_LEVEL: env.logLevel(),
    /** An OTLP/HTTP collector (e.g. http://127.0.0.1:4318): spans are exported there when set. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  };
}
export type BaseConfig = z.infer<z.ZodObject<ReturnType<typeof baseConfigShape>>>;

/** The bus retry policy a process's config describes. */
export function busPolicy(config: Pick<BaseConfig, 'BUS_MAX_ATTEMPTS' | 'BUS_RETRY_MAX_DELAY_MS' | 'BUS_HANDLER_TIMEOUT_MS'>): RetryPolicy {
  return {
    maxAttempts: config.BUS_MAX_ATTEMPTS, baseDelayMs: 200, maxDelayMs: config.BUS_RETRY_MAX_DELAY_MS,
    maxWaitDelayMs: config.BUS_RETRY_MAX_DELAY_MS, handlerTimeoutMs: config.BUS_HANDLER_TIMEOUT_MS,
  };
}

export interface ProcessResources {
  db: Db;
  bus: ManagedBus;
  logger: Logger;
}

export async function runServiceProcess<S extends z.ZodObject>(options: {
  name: string;
  configSchema: S;
  build: (config: z.infer<S>, deps: ServiceDeps) => Promise<Service>;
}): Promise<void> {
  let config: z.infer<S> & BaseConfig;
  try {
    config = loadConfig(options.configSchema) as z.infer<S> & BaseConfig;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ name: options.name, level: config.LOG_LEVEL });
  const stopTraceExport = config.OTEL_EXPORTER_OTLP_ENDPOINT
    ? startTraceExport({ serviceName: options.name, endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT })
    : undefined;
  const registry = createRegistry(options.name);
  await ensureDatabase(config.DATABASE_URL);
  const db = createPostgresDb({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const bus = await createBus(config.BUS_URL, {
    logger, metrics: new BusMetrics(registry),
    policy: busPolicy(config), queueType: config.BUS_QUEUE_TYPE,
  });
  const service = await options.build(config, {
    db, bus, logger, registry, verifySession: createSessionVerifier({ jwksUrl: config.AUTH_JWKS_URL }),
  });
  await service.start({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT }, `${options.name} listening`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await service.stop().catch((error) => logger.error({ err: error }, 'stop failed'));
    await bus.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await stopTraceExport?.().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
