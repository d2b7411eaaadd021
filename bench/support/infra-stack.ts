// The marketplace in infra mode for benchmarks: every service as its own process (as
// tools/launcher/src/infra.ts starts them) but on free loopback ports, with fresh PostgreSQL
// databases, its own RabbitMQ virtual host and its own Redis database, so nothing a benchmark does
// reaches anyone else's stack. stop() ends the processes and removes all of it.
// With `replicas: n` every service and the gateway run n times on the same databases, vhost and
// Redis database (as pods behind an ingress): gateway i proxies to replica i of each service, and
// the replicas of a service share its consumer groups' queues and each run its outbox relay.
// Sessions are minted with the signing key auth is given (JWT_PRIVATE_KEY): thousands of buyers
// without thousands of scrypt sign-ups.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import { freePort } from '../../tools/launcher/src/free-port';
import { waitForHttp } from '../../tools/launcher/src/web-client';
import { signingKeyFromJwk } from '../../services/auth/src/signing-key';
import { createSessionTokens, type SessionTokens } from '../../services/auth/src/session-token';
import { formatFileKeys, generateFileKey } from '../../services/delivery/src/keys/file-keys';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = `${root}node_modules/tsx/dist/cli.mjs`;
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const RABBIT = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const services = ['auth', 'tickets', 'orders', 'payments', 'expiration', 'catalog', 'payouts', 'delivery'] as const;
export type ServiceName = (typeof services)[number];

export interface BenchUser { id: string; email: string; cookie: string }

export interface InfraStackOptions {
  /** Processes per service and gateways (default 1). */
  replicas?: number;
  /**
   * Called with the stop() of the stack being started, before its first process: a caller that is
   * aborted while the stack starts can still remove it (no process is launched after stop()).
   */
  onStarting?: (stop: () => Promise<void>) => void;
  /** Services not started with the stack (a first deployment where one is still crash-looping); restartService starts them. */
  deferred?: ServiceName[];
  /** Extra environment per service (e.g. a short PAYOUT_HOLD_HOURS for payouts). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
}

export interface InfraStack {
  /** The first gateway (the only one with one replica). */
  gatewayUrl: string;
  /** Gateway i proxies to replica i of every service. */
  gatewayUrls: string[];
  /** Replica 0 of each service. */
  serviceUrls: Record<ServiceName, string>;
  replicaUrls: Record<ServiceName, string[]>;
  databaseUrls: Record<ServiceName, string>;
  /** The stack's RabbitMQ URL (its own vhost when rabbitmqctl is available). */
  busUrl: string;
  /** The Redis database of the expiration queue (BullMQ). */
  redisUrl: string;
  /** The stack's Stripe simulator (payments' STRIPE_API_BASE), for the money audit. */
  stripeApiBase: string;
  /** A signed-in user that exists only in its session (services key everything on the id). */
  newUser(): Promise<BenchUser>;
  /** Last lines each process wrote, for diagnosing a failed run. */
  recentOutput(): string;
  /**
   * Sends `signal` to a service's process (SIGKILL reaches the service itself, not only tsx) and
   * awaits its exit. With several replicas: replica 0 only (the others keep serving, as in a pod crash).
   */
  killService(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a service (replica 0) again — or for the first time, if deferred — with the same port, database and environment; resolves once it is healthy. */
  restartService(name: ServiceName): Promise<void>;
  /**
   * The stack's processes now, by name ("orders", "gateway", "stripe-sim" …): the pid that was
   * spawned (tsx's CLI) and its descendants (tsx runs the script in a child of its own), for CPU
   * accounting from /proc. Empty lists off Linux.
   */
  processes(): Array<{ name: string; pids: number[] }>;
  /** Idempotent: a second call awaits the first. */
  stop(): Promise<void>;
}

interface Child { name: string; process: ChildProcess; output: string[] }

export async function startInfraStack(options: InfraStackOptions = {}): Promise<InfraStack> {
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas must be a positive integer, not ${replicas}`);
  const indexes = Array.from({ length: replicas }, (_, replica) => replica);
  const tag = `bench_${randomBytes(4).toString('hex')}`;
  const databaseUrls = Object.fromEntries(services.map((name) => [name, `${POSTGRES}/${tag}_${name}`])) as Record<ServiceName, string>;
  const redis = await freeRedisDatabase();
  const freePorts = async (count: number) => Promise.all(Array.from({ length: count }, () => freePort()));
  const ports = Object.fromEntries(await Promise.all([...services, 'gateway'].map(async (name) => [name, await freePorts(replicas)]))) as Record<ServiceName | 'gateway', number[]>;
  const [simPort, webPort] = await freePorts(2);
  const replicaUrls = Object.fromEntries(services.map((name) => [name, ports[name].map((port) => `http://127.0.0.1:${port}`)])) as Record<ServiceName, string[]>;
  const serviceUrls = Object.fromEntries(services.map((name) => [name, replicaUrls[name][0]])) as Record<ServiceName, string>;
  const gatewayUrls = ports.gateway.map((port) => `http://127.0.0.1:${port}`);
  /** Process names in logs: `orders` with one replica, `orders.0`, `orders.1` … with more. */
  const label = (name: string, replica: number) => (replicas === 1 ? name : `${name}.${replica}`);
  const { privateJwk, tokens } = await newSigningKey();
  // Delivery's secrets, this stack's own: the ticket files' key and the pass signing key.
  const passKey = await exportJWK((await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).privateKey);
  const fileKeys = formatFileKeys([generateFileKey('bench')]);
  // From here to onStarting nothing awaits: the vhost is never left behind by an abort in between.
  const vhost = createVhost(tag);
  const busUrl = vhost ? `${RABBIT}/${vhost}` : RABBIT;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const connectWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const children: Child[] = [];
  // Replica i asks auth replica i for the keys (every auth replica signs with the same key).
  const serviceEnv = (name: ServiceName, replica: number) => ({
    ...own[name], ...options.env?.[name], PORT: String(ports[name][replica]), DATABASE_URL: databaseUrls[name],
    // Replicas split one replica's connections: the same total per database, well under max_connections.
    DATABASE_POOL_SIZE: String(Math.ceil(10 / replicas)),
    AUTH_JWKS_URL: `${replicaUrls.auth[replica]}/api/users/.well-known/jwks.json`,
  });
  const serviceChild = (name: ServiceName) => children.find((child) => child.name === label(name, 0));
  const launchService = (name: ServiceName, replica: number) => {
    const child = launch(label(name, replica), `services/${name}/src/main.ts`, serviceEnv(name, replica));
    return waitForHttp(`${replicaUrls[name][replica]}/healthz`, child.process, 120_000);
  };

  const shared = {
    HOST: '127.0.0.1', BUS_URL: busUrl, LOG_LEVEL: 'warn', COOKIE_SECURE: 'false',
    STRIPE_API_BASE: `http://127.0.0.1:${simPort}`, STRIPE_WEBHOOK_SECRET: webhookSecret,
  };
  const own: Record<ServiceName, Record<string, string>> = {
    auth: { JWT_PRIVATE_KEY: JSON.stringify(privateJwk), AUTH_RATE_LIMIT_PER_MINUTE: '1000000' },
    tickets: {},
    // P2 reserves thousands of tickets as one buyer: no cap on unpaid orders here.
    orders: { MAX_ACTIVE_ORDERS_PER_USER: '1000000' },
    payments: {},
    expiration: { REDIS_URL: redis.url, EXPIRATION_SCHEDULER: 'bullmq' },
    catalog: {},
    payouts: { REDIS_URL: redis.url, PAYOUTS_SCHEDULER: 'bullmq', STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret },
    delivery: { TICKET_FILE_KEYS: fileKeys, PASS_SIGNING_KEY: JSON.stringify(passKey) },
  };
  const launch = (name: string, script: string, env: Record<string, string>) => {
    if (stopping) throw new Error(`the stack is stopping: ${name} not started`);
    const child = startChild(name, script, { ...shared, ...env });
    children.push(child);
    return child;
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(children.map(stopChild));
      await dropDatabases(Object.values(databaseUrls));
      if (vhost) deleteVhost(vhost);
      await redis.clean();
    })();
    return stopping;
  };
  options.onStarting?.(stop);

  try {
    const sim = launch('stripe-sim', 'tools/stripe-sim/src/main.ts', {
      STRIPE_SIM_PORT: String(simPort), STRIPE_SIM_WEBHOOK_URL: `${serviceUrls.payments}/api/payments/webhooks/stripe`,
      STRIPE_SIM_CONNECT_WEBHOOK_URL: `${serviceUrls.payouts}/api/payouts/webhooks/stripe`, STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret,
    });
    await waitForHttp(`http://127.0.0.1:${simPort}/healthz`, sim.process, 60_000);
    // In parallel: replica 0 of each creates its database and runs its migrations; the other
    // replicas start once the schema is there.
    const started = services.filter((name) => !options.deferred?.includes(name));
    await Promise.all(started.map((name) => launchService(name, 0)));
    await Promise.all(indexes.slice(1).flatMap((replica) => started.map((name) => launchService(name, replica))));
    await Promise.all(indexes.map((replica) => {
      const gateway = launch(label('gateway', replica), 'apps/gateway/src/main.ts', {
        PORT: String(ports.gateway[replica]), AUTH_URL: replicaUrls.auth[replica], TICKETS_URL: replicaUrls.tickets[replica],
        ORDERS_URL: replicaUrls.orders[replica], PAYMENTS_URL: replicaUrls.payments[replica], CATALOG_URL: replicaUrls.catalog[replica],
        PAYOUTS_URL: replicaUrls.payouts[replica], DELIVERY_URL: replicaUrls.delivery[replica],
        WEB_URL: `http://127.0.0.1:${webPort}`,
      });
      return waitForHttp(`${gatewayUrls[replica]}/healthz`, gateway.process, 60_000);
    }));
  } catch (error) {
    const output = children.map((child) => child.output.map((line) => `${child.name}| ${line}`).join('\n')).join('\n');
    await stop();
    throw new Error(`the infra stack did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }

  return {
    gatewayUrl: gatewayUrls[0],
    gatewayUrls,
    serviceUrls,
    replicaUrls,
    databaseUrls,
    busUrl,
    redisUrl: redis.url,
    stripeApiBase: `http://127.0.0.1:${simPort}`,
    async newUser() {
      const user = { id: randomUUID(), email: `${randomUUID()}@bench.test` };
      return { ...user, cookie: `session=${await tokens.issue(user)}` };
    },
    recentOutput: () => children.map((child) => child.output.map((line) => `${child.name}| ${line}`).join('\n')).join('\n'),
    async killService(name, signal = 'SIGKILL') {
      const child = serviceChild(name);
      if (child) await signalChild(child, signal);
    },
    async restartService(name) {
      const old = serviceChild(name);
      if (old) {
        await stopChild(old);
        children.splice(children.indexOf(old), 1);
      }
      await launchService(name, 0);
    },
    processes: () => children.filter((child) => isAlive(child.process.pid ?? -1)).map((child) => ({ name: child.name, pids: descendants(child.process.pid!) })),
    stop,
  };
}

/**
 * How a process is started: through tsx's CLI, or with BENCH_CPU_PROF=<dir> as node with tsx's
 * loader and V8's profiler, which writes a .cpuprofile per process into <dir> when it exits.
 */
function nodeArgs(): string[] {
  const profileDir = process.env.BENCH_CPU_PROF;
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx'] : [tsxCli];
}

function startChild(name: string, script: string, env: Record<string, string>): Child {
  const child: Child = {
    name,
    process: spawn(process.execPath, [...nodeArgs(), `${root}${script}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }),
    output: [],
  };
  // Logs are kept (the last 50 lines), not shown: the bench prints only its table.
  for (const stream of [child.process.stdout, child.process.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      child.output.push(...chunk.toString().split('\n').filter((line) => line.trim()));
      child.output.splice(0, Math.max(0, child.output.length - 50));
    });
  }
  return child;
}

function stopChild(child: Child): Promise<void> {
  const running = child.process;
  if (running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => running.kill('SIGKILL'), 15_000);
    running.once('exit', () => { clearTimeout(force); resolve(); });
    running.kill('SIGTERM');
  });
}

/**
 * tsx runs the script in a child process of its own and relays only catchable signals: SIGKILL
 * goes to that child too (else it would live on as an orphan holding the port), then to tsx.
 */
async function signalChild(child: Child, signal: NodeJS.Signals): Promise<void> {
  const running = child.process;
  if (running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  const inner = signal === 'SIGKILL' ? childPids(running.pid!) : [];
  for (const pid of inner) process.kill(pid, signal);
  running.kill(signal);
  await exited;
  // An orphan is reparented, not reaped by us: wait (bounded) until it is gone.
  for (let wait = 0; wait < 100 && inner.some(isAlive); wait++) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Running (a zombie nobody has reaped yet counts as gone: it holds no port). */
function isAlive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // not Linux: only the tsx process is signalled
  }
}

/** `pid` and every process below it. */
function descendants(pid: number): number[] {
  const found = [pid];
  for (let index = 0; index < found.length && found.length < 64; index++) found.push(...childPids(found[index]));
  return found;
}

async function newSigningKey(): Promise<{ privateJwk: object; tokens: SessionTokens }> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { privateJwk, tokens: createSessionTokens(await signingKeyFromJwk(privateJwk), 86_400) };
}

/** A RabbitMQ virtual host of our own (rabbitmqctl); null (the default vhost) when that is not possible. */
function createVhost(name: string): string | null {
  try {
    execFileSync('rabbitmqctl', ['add_vhost', name], { stdio: 'ignore', timeout: 30_000 });
    execFileSync('rabbitmqctl', ['set_permissions', '-p', name, 'guest', '.*', '.*', '.*'], { stdio: 'ignore', timeout: 30_000 });
    return name;
  } catch {
    process.stderr.write('warning: no rabbitmqctl; the bench stack shares the default RabbitMQ vhost (exchange "ticketing")\n');
    return null;
  }
}

function deleteVhost(name: string): void {
  try {
    execFileSync('rabbitmqctl', ['delete_vhost', name], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    process.stderr.write(`warning: could not delete RabbitMQ vhost ${name}\n`);
  }
}

/** An empty Redis logical database; clean() removes the bench's queues (expiries, payout releases). */
async function freeRedisDatabase(): Promise<{ url: string; clean(): Promise<void> }> {
  const client = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  let chosen = 0;
  try {
    for (let index = 1; index < 16 && chosen === 0; index++) {
      await client.select(index);
      if (await client.dbsize() === 0) chosen = index;
    }
  } finally {
    client.disconnect();
  }
  if (chosen === 0) throw new Error('no free Redis database (1–15) for the bench expiration queue');
  const url = `${REDIS}/${chosen}`;
  return {
    url,
    async clean() {
      for (const name of ['expiration', 'payouts-release']) {
        const queue = new Queue(name, { connection: { url } });
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
    },
  };
}

async function dropDatabases(urls: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  try {
    for (const url of urls) {
      const name = new URL(url).pathname.slice(1);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
