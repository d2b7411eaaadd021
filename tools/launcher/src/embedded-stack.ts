// Embedded mode: the whole marketplace in one Node process with nothing installed but Node.
// One PGlite (embedded PostgreSQL) under the data directory holds a schema per service, the
// in-process bus carries events, expiry timers live in the expiration schema, and the Stripe
// simulator stands in for Stripe. Services still talk only through events and HTTP. The keys a
// production install passes in are generated once into the data directory (auth's session key,
// delivery's file key and pass key), so sessions, attached files and passes survive restarts.
// The public port answers from the first moment (503 with Retry-After until the gateway takes
// over), and nothing here blocks the event loop for long, so that answer always comes.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import {
  BusMetrics, createInProcessBus, DbTimersScheduler, createRegistry, serveDeadLetters, createSessionVerifier, loadConfig, openEdgeServer, PgliteHost,
  serverTimeoutsFromEnv, startTraceExport,
  type InProcessBus, type Logger, type Service, type ServiceDeps,
} from '@ticketing/common';
import { authConfigSchema, createAuthService, jwksOf, loadOrCreateSigningKey } from '@ticketing/auth';
import { createTicketsService, ticketsConfigSchema } from '@ticketing/tickets';
import { catalogConfigSchema, createCatalogService } from '@ticketing/catalog';
import { createExpirationService, DbTimersScheduler as ExpiryTimersScheduler, expirationConfigSchema } from '@ticketing/expiration';
import { createOrdersService, ordersConfigSchema } from '@ticketing/orders';
import { createPaymentsService, paymentsConfigSchema, stripeProviderFromConfig } from '@ticketing/payments';
import { createPayoutsService, payoutsConfigSchema, RELEASE_TIMERS_TABLE, stripeConnectProviderFromConfig } from '@ticketing/payouts';
import { createDeliveryService, deliveryConfigSchema, loadOrCreateDeliveryKeys } from '@ticketing/delivery';
import { createStripeSimulator } from '@ticketing/stripe-sim';
import { randomBytes } from 'node:crypto';
import { createGateway } from '@ticketing/gateway';
import { freePort } from './free-port';
import { ensureWebBuild, exitCodeOf, startWeb, type WebProcess } from './web-client';

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  host: string;
  logger: Logger;
  env: Record<string, string | undefined>;
  /** Serve the web client (builds it on first start). */
  web: boolean;
}

export interface EmbeddedStack {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedStack(options: EmbeddedOptions): Promise<EmbeddedStack> {
  const { logger, env } = options;
  const dataDir = resolve(options.dataDir);
  // The data directory holds password hashes, the session signing key and every payment: only its
  // owner may read it. This process (and the helpers it spawns) creates everything owner-only
  // (directories 0700, files and bus.sock 0600), and a directory made by an older version is
  // tightened on the way in.
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  makeOwnerOnly(dataDir);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((error) => logger.warn({ err: error }, 'stop step failed'));
  };

  try {
    // Held from the start, so no service or helper of ours lands on the public port, a port
    // already in use is reported before anything else starts, and an early client gets a 503.
    const timeouts = serverTimeoutsFromEnv(env);
    const edge = await openEdgeServer({ port: options.port, host: options.host, timeouts });
    stops.push(() => edge.close());
    if (env.OTEL_EXPORTER_OTLP_ENDPOINT) stops.push(startTraceExport({ serviceName: 'ticketing-embedded', endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }));
    const databaseDir = join(dataDir, 'pglite');
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
      await createDatabaseDir(databaseDir, logger);
      makeOwnerOnly(databaseDir);
    }
    logger.info({ dataDir }, 'opening the embedded database');
    const host = await PgliteHost.open(databaseDir);
    stops.push(() => host.close());
    const busRegistry = createRegistry('bus', false);
    // The journal keeps queued events across a crash, as a broker's durable queues would.
    const bus = createInProcessBus({ logger, metrics: new BusMetrics(busRegistry), journalPath: join(dataDir, 'bus-journal.jsonl') });
    stops.push(() => bus.close());
    // `npm run bus -- dlq …` with BUS_URL=memory://<data dir> reaches this bus's dead letters here.
    const deadLetterAdmin = await serveDeadLetters(bus.deadLetters, join(dataDir, 'bus.sock'));
    stops.push(() => deadLetterAdmin.close());

    const signingKey = await loadOrCreateSigningKey(join(dataDir, 'auth-signing-key.json'));
    const verifySession = createSessionVerifier({ jwks: jwksOf(signingKey) });
    const depsFor = async (name: string): Promise<ServiceDeps> => ({
      db: await host.database(name), bus, logger: logger.child({ name }), verifySession,
    });
    const started: Record<string, string> = {};
    const services: Service[] = [];
    // Port 0: the OS gives each service a port nobody holds (a port picked first and bound later
    // could be taken in between, even by this stack).
    const startService = async (name: string, service: Service, port = 0) => {
      await service.start({ port, host: '127.0.0.1' });
      stops.push(() => service.stop());
      services.push(service);
      started[name] = `http://127.0.0.1:${(service.http.server.address() as AddressInfo).port}`;
    };

    // Embedded defaults: plain-HTTP localhost needs a non-Secure cookie.
    const authConfig = loadConfig(authConfigSchema, { COOKIE_SECURE: 'false', ...env });
    await startService('auth', await createAuthService({ ...(await depsFor('auth')), config: authConfig, signingKey }));
    await startService('tickets', await createTicketsService({ ...(await depsFor('tickets')), config: loadConfig(ticketsConfigSchema, env) }));
    await startService('orders', await createOrdersService({ ...(await depsFor('orders')), config: loadConfig(ordersConfigSchema, env) }));
    await startService('catalog', await createCatalogService({ ...(await depsFor('catalog')), config: loadConfig(catalogConfigSchema, env) }));

    // Payments talk to the Stripe simulator over HTTP with the real SDK, as they would to Stripe.
    const paymentsPort = await freePort();
    const payoutsPort = await freePort();
    const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
    // Connect events (account.updated, transfers) go to payouts' endpoint, signed with a secret of their own.
    const connectWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
    // Its objects live in the data directory: a charge made before a restart can still be refunded.
    const simulator = await createStripeSimulator({
      port: 0, webhookSecret, webhookUrl: `http://127.0.0.1:${paymentsPort}/api/payments/webhooks/stripe`,
      connectWebhookSecret, connectWebhookUrl: `http://127.0.0.1:${payoutsPort}/api/payouts/webhooks/stripe`,
      stateFile: join(dataDir, 'stripe-sim.jsonl'),
    }).start();
    stops.push(() => simulator.stop());
    const paymentsConfig = loadConfig(paymentsConfigSchema, { STRIPE_API_BASE: simulator.url, ...env, STRIPE_WEBHOOK_SECRET: webhookSecret });
    await startService('payments', await createPaymentsService({
      ...(await depsFor('payments')), config: paymentsConfig, provider: stripeProviderFromConfig(paymentsConfig),
    }), paymentsPort);

    // Sellers' payouts: release timers in its own schema (DB timers), Connect through the simulator;
    // Account Links return to the public address.
    const payoutsConfig = loadConfig(payoutsConfigSchema, {
      STRIPE_API_BASE: simulator.url, PAYOUTS_WEB_URL: `http://localhost:${edge.port}`, ...env,
      STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret, PAYOUTS_SCHEDULER: 'db',
    });
    const payoutsDeps = await depsFor('payouts');
    await startService('payouts', await createPayoutsService({
      ...payoutsDeps, config: payoutsConfig, provider: stripeConnectProviderFromConfig(payoutsConfig),
      scheduler: new DbTimersScheduler({ db: payoutsDeps.db, table: RELEASE_TIMERS_TABLE, logger: payoutsDeps.logger }),
    }), payoutsPort);

    // Ticket files and passes: its keys generated into the data directory (delivery-file-key.json,
    // delivery-pass-key.json, 0600), the service's own schema like every other's.
    await startService('delivery', await createDeliveryService({
      ...(await depsFor('delivery')), config: loadConfig(deliveryConfigSchema, { ...env, DELIVERY_DATA_DIR: dataDir }),
      keys: await loadOrCreateDeliveryKeys(dataDir),
    }));

    const expirationDeps = await depsFor('expiration');
    await startService('expiration', await createExpirationService({
      ...expirationDeps, config: loadConfig(expirationConfigSchema, env),
      scheduler: new ExpiryTimersScheduler({ db: expirationDeps.db, logger: expirationDeps.logger }),
    }));

    // A clean stop leaves nothing behind: let every outbox drain and every queued event be handled
    // (the bus journal would redeliver them at the next start, but a tidy stop needs no recovery).
    stops.push(() => drain(services, bus, logger));

    let web: WebProcess | undefined;
    const webPort = await freePort();
    const gateway = await createGateway({
      logger: logger.child({ name: 'gateway' }), registry: createRegistry('gateway'), edge,
      upstreams: {
        auth: started.auth, tickets: started.tickets, orders: started.orders, payments: started.payments, catalog: started.catalog, payouts: started.payouts,
        delivery: started.delivery, web: `http://127.0.0.1:${webPort}`,
      },
      webReady: () => web !== undefined,
    });
    await gateway.ready();
    // The same server and connections from here on: nothing to close, nobody to hand over.
    edge.serve(gateway.routing);
    stops.push(async () => { await gateway.close(); await edge.close(); });
    const publicUrl = `http://localhost:${edge.port}`;
    // Until the web client is up, the gateway answers its pages 503 with Retry-After.
    if (options.web) {
      await ensureWebBuild(logger);
      web = await startWeb({ port: webPort, apiUrl: `http://127.0.0.1:${edge.port}`, logger: logger.child({ name: 'web' }) });
      stops.push(() => web!.stop());
    }
    // PGlite sets its files' modes itself (0666 from its image, past the umask): tighten them once
    // everything is open. The 0700 directory already keeps others out of every file below it.
    makeOwnerOnly(dataDir);
    return { url: publicUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function drain(services: Service[], bus: InProcessBus, logger: Logger, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  while (quietChecks < 2) {
    const backlogs = await Promise.all(services.map((service) => service.relay.backlog()));
    const outstanding = backlogs.reduce((sum, backlog) => sum + backlog.backlog, 0) + bus.pendingCount();
    quietChecks = outstanding === 0 ? quietChecks + 1 : 0;
    if (Date.now() > deadline) {
      logger.warn({ outstanding }, 'stopping with events still in flight (they are retried from the outbox only if not yet sent)');
      return;
    }
    services.forEach((service) => service.relay.wake());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** chmod go-rwx, recursively (symbolic links are left alone). */
function makeOwnerOnly(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const entry of readdirSync(path)) makeOwnerOnly(join(path, entry));
  } else if ((stat.mode & 0o077) !== 0) {
    chmodSync(path, stat.mode & 0o700);
  }
}

/** In a child process we wait for without blocking (the public port keeps answering meanwhile). */
async function createDatabaseDir(dir: string, logger: Logger): Promise<void> {
  logger.info({ dir }, 'creating the embedded database (first start only)');
  const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const script = fileURLToPath(new URL('./create-database-dir.ts', import.meta.url));
  const code = await exitCodeOf(spawn(process.execPath, [tsx, script, dir], { stdio: ['ignore', 'inherit', 'inherit'] }));
  if (code !== 0) throw new Error(`creating the embedded database in ${dir} failed`);
}
