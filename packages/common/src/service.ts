// The lifecycle every service shares: migrate its database, start its outbox relay and consumers,
// serve HTTP; stop in reverse (drain requests, then messages, then the relay). Every service also
// refuses revoked sessions: the kernel consumes session:revoked for it (for each group the contract
// lists) into a revocation list the session check reads, so no service has to wire it.
import type { EventBus, Subscription, TopologyEntry } from './bus/port';
import { groupsFor, subscriptionTable } from './events/subscriptions';
import type { Db } from './db/port';
import { migrate } from './db/migrate';
import { createHttpApp, type HttpApp } from './http/create-app';
import { refusingRevoked, type SessionVerifier } from './http/session';
import type { Logger } from './logger';
import { startConsumers, type Consumer } from './messaging/consumer';
import { OutboxRelay } from './messaging/outbox-relay';
import { createRegistry, type Registry } from './metrics';
import { RevocationList } from './sessions/revocation-list';
import { startRevocationRefresh, type RevocationRefresh } from './sessions/revocation-refresh';
import { sessionRevokedConsumer } from './sessions/session-revoked.consumer';

/** What the process (main.ts, the embedded launcher or a test) hands to a service factory. */
export interface ServiceDeps {
  db: Db;
  bus: EventBus;
  logger: Logger;
  verifySession: SessionVerifier;
  registry?: Registry;
}

export interface ServiceDefinition {
  name: string;
  /** Consumer group, e.g. "orders-service". */
  group: string;
  migrationsDir: string;
  consumers?: Consumer[];
  routes?: (app: HttpApp) => void | Promise<void>;
  /** Extra work after consumers start / before they stop (schedulers, sweepers). */
  onStart?: () => Promise<void>;
  onStop?: () => Promise<void>;
  consumerConcurrency?: number;
  /** Queues to declare before the relay publishes. Default: the contract's whole subscription table. */
  topology?: TopologyEntry[];
  /** The revocation list the session check reads (auth passes the one its sign-out writes to). */
  revocations?: RevocationList;
}

export interface Service {
  name: string;
  http: HttpApp;
  db: Db;
  relay: OutboxRelay;
  registry: Registry;
  revocations: RevocationList;
  /** Migrates, starts relay and consumers; listens when a port is given. */
  start(listen?: { port: number; host?: string }): Promise<void>;
  stop(): Promise<void>;
}

export async function createService(definition: ServiceDefinition, deps: ServiceDeps): Promise<Service> {
  const logger = deps.logger.child({ service: definition.name });
  const registry = deps.registry ?? createRegistry(definition.name);
  const revocations = definition.revocations ?? new RevocationList();
  const consumers = [...(definition.consumers ?? []), ...kernelConsumers(definition.group, revocations)];
  const http = await createHttpApp({
    name: definition.name,
    logger,
    registry,
    verifySession: refusingRevoked(deps.verifySession, revocations),
    readiness: async () => {
      await deps.db.ping();
      if (!deps.bus.isConnected()) throw new Error('event bus disconnected');
    },
  });
  await definition.routes?.(http);
  const relay = new OutboxRelay({ db: deps.db, bus: deps.bus, logger, registry });
  let subscriptions: Subscription[] = [];
  let revocationRefresh: RevocationRefresh | undefined;

  return {
    name: definition.name,
    http,
    db: deps.db,
    relay,
    registry,
    revocations,
    async start(listen) {
      const applied = await migrate(deps.db, definition.migrationsDir);
      if (applied.length) logger.info({ applied }, 'migrations applied');
      revocationRefresh = await startRevocationRefresh({ db: deps.db, list: revocations, logger });
      // Topology before traffic: every group's queue exists before this service's first event leaves.
      await deps.bus.declare(definition.topology ?? subscriptionTable);
      relay.start();
      subscriptions = await startConsumers({
        db: deps.db, bus: deps.bus, group: definition.group, consumers, logger,
        concurrency: definition.consumerConcurrency,
      });
      await definition.onStart?.();
      if (listen) await http.listen({ port: listen.port, host: listen.host ?? '127.0.0.1' });
      else await http.ready();
    },
    async stop() {
      await http.close();
      await definition.onStop?.();
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      await relay.stop();
      revocationRefresh?.stop();
    },
  };
}

/** The kernel's own consumers for a group: session:revoked, if the contract sends it there. */
function kernelConsumers(group: string, revocations: RevocationList): Consumer[] {
  return groupsFor('session:revoked').includes(group) ? [sessionRevokedConsumer(revocations) as Consumer] : [];
}
