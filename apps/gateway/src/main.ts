// Gateway process: reads the upstream URLs from the environment and listens on PORT (3000) once
// the app is built. Building it takes a second of CPU in one piece (Fastify's first instance in a
// process), many seconds while a whole stack starts on two cores: a port bound before that would
// leave early clients unanswered, a port not bound yet refuses them and they retry. Once it
// listens, a service that is not up yet is 503 with Retry-After. Its metrics are served only when
// METRICS_PORT is set, on METRICS_HOST (127.0.0.1): an internal listener, never the public port.
import {
  ConfigError, createLogger, createRegistry, env, loadConfig, ports, serverTimeoutsFrom, serverTimeoutsShape,
} from '@ticketing/common';
import { z } from 'zod';
import { createGateway, createMetricsServer } from './app';

const local = (port: number) => `http://127.0.0.1:${port}`;
const configSchema = z.object({
  PORT: env.port(ports.gateway),
  // This machine only unless told otherwise (the launchers serve plain HTTP with non-Secure cookies).
  HOST: env.string('127.0.0.1'),
  AUTH_URL: env.url(local(ports.auth)),
  TICKETS_URL: env.url(local(ports.tickets)),
  ORDERS_URL: env.url(local(ports.orders)),
  PAYMENTS_URL: env.url(local(ports.payments)),
  CATALOG_URL: env.url(local(ports.catalog)),
  PAYOUTS_URL: env.url(local(ports.payouts)),
  DELIVERY_URL: env.url(local(ports.delivery)),
  WEB_URL: env.url(local(ports.web)),
  TRUST_PROXY: env.bool(false),
  METRICS_PORT: env.port(0),
  METRICS_HOST: env.string('127.0.0.1'),
  LOG_LEVEL: env.logLevel(),
  ...serverTimeoutsShape(),
});

let config: z.infer<typeof configSchema>;
let timeouts: ReturnType<typeof serverTimeoutsFrom>;
try {
  config = loadConfig(configSchema);
  timeouts = serverTimeoutsFrom(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`gateway: ${error.message}\n`);
  process.exit(1);
}
const logger = createLogger({ name: 'gateway', level: config.LOG_LEVEL });
const registry = createRegistry('gateway');
const app = await createGateway({
  logger, registry, trustProxy: config.TRUST_PROXY, timeouts,
  upstreams: {
    auth: config.AUTH_URL, tickets: config.TICKETS_URL, orders: config.ORDERS_URL, payments: config.PAYMENTS_URL,
    catalog: config.CATALOG_URL, payouts: config.PAYOUTS_URL, delivery: config.DELIVERY_URL, web: config.WEB_URL,
  },
});
await app.listen({ port: config.PORT, host: config.HOST });
const metrics = config.METRICS_PORT ? createMetricsServer(registry) : undefined;
if (metrics) logger.info({ url: await metrics.listen({ port: config.METRICS_PORT, host: config.METRICS_HOST }) }, 'gateway metrics listening');
const stop = async () => { await app.close(); await metrics?.close(); process.exit(0); };
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
