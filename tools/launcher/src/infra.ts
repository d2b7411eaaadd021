// `npm run start:infra`: every service as its own process against the local PostgreSQL (one
// database per service, created if missing), RabbitMQ and Redis, plus the Stripe simulator, the
// gateway and the web client. Output is prefixed per process; Ctrl-C stops them all. Development
// keys that production passes in are generated once under ./.data/infra (delivery's file key and
// pass key; auth keeps its own default file, ./.data/auth-signing-key.json).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ports } from '@ticketing/common';
import { prettyLogger } from './pretty-logger';
import { ensureWebBuild, waitForHttp, webDir } from './web-client';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;
const nextBin = `${root}node_modules/next/dist/bin/next`;
const logger = prettyLogger('launcher');
// Where generated development keys live (owner-only files the services create): ./.data/infra,
// or infra/ under TICKETING_DATA_DIR (embedded mode's data directory, never shared with it).
const dataDir = resolve(process.env.TICKETING_DATA_DIR ?? `${root}.data`, 'infra');

const simPort = Number(process.env.STRIPE_SIM_PORT ?? 12111);
const gatewayPort = process.env.PORT ?? String(ports.gateway);
const shared: Record<string, string> = {
  STRIPE_API_BASE: process.env.STRIPE_API_BASE ?? `http://127.0.0.1:${simPort}`,
  STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? `whsec_${randomBytes(16).toString('hex')}`,
  // The Connect endpoint's (payouts'): the simulator signs Connect events with it.
  STRIPE_CONNECT_WEBHOOK_SECRET: process.env.STRIPE_CONNECT_WEBHOOK_SECRET ?? `whsec_${randomBytes(16).toString('hex')}`,
  COOKIE_SECURE: process.env.COOKIE_SECURE ?? 'false',
};

interface ProcessSpec { name: string; args: string[]; env?: Record<string, string>; cwd?: string; health: string }
const node = (script: string) => [tsx, `${root}${script}`];
const specs: ProcessSpec[] = [
  { name: 'stripe-sim', args: node('tools/stripe-sim/src/main.ts'), env: { STRIPE_SIM_PORT: String(simPort), STRIPE_SIM_WEBHOOK_URL: `http://127.0.0.1:${ports.payments}/api/payments/webhooks/stripe`, STRIPE_SIM_CONNECT_WEBHOOK_URL: `http://127.0.0.1:${ports.payouts}/api/payouts/webhooks/stripe` }, health: `http://127.0.0.1:${simPort}/healthz` },
  { name: 'auth', args: node('services/auth/src/main.ts'), env: { PORT: String(ports.auth), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, health: `http://127.0.0.1:${ports.auth}/healthz` },
  { name: 'tickets', args: node('services/tickets/src/main.ts'), env: { PORT: String(ports.tickets) }, health: `http://127.0.0.1:${ports.tickets}/healthz` },
  { name: 'orders', args: node('services/orders/src/main.ts'), env: { PORT: String(ports.orders) }, health: `http://127.0.0.1:${ports.orders}/healthz` },
  // Redis: failed-payment counters shared by replicas.
  { name: 'payments', args: node('services/payments/src/main.ts'), env: { PORT: String(ports.payments), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, health: `http://127.0.0.1:${ports.payments}/healthz` },
  { name: 'expiration', args: node('services/expiration/src/main.ts'), env: { PORT: String(ports.expiration) }, health: `http://127.0.0.1:${ports.expiration}/healthz` },
  { name: 'catalog', args: node('services/catalog/src/main.ts'), env: { PORT: String(ports.catalog) }, health: `http://127.0.0.1:${ports.catalog}/healthz` },
  // Redis: BullMQ release timers.
  { name: 'payouts', args: node('services/payouts/src/main.ts'), env: { PORT: String(ports.payouts), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', PAYOUTS_SCHEDULER: 'bullmq', PAYOUTS_WEB_URL: `http://localhost:${gatewayPort}` }, health: `http://127.0.0.1:${ports.payouts}/healthz` },
  // Ticket files and passes: development keys generated into dataDir unless TICKET_FILE_KEYS / PASS_SIGNING_KEY are set.
  { name: 'delivery', args: node('services/delivery/src/main.ts'), env: { PORT: String(ports.delivery), DELIVERY_DATA_DIR: dataDir }, health: `http://127.0.0.1:${ports.delivery}/healthz` },
  { name: 'web', args: [nextBin, 'start', '-p', String(ports.web), '-H', '127.0.0.1'], cwd: webDir, env: { API_URL: `http://127.0.0.1:${gatewayPort}`, PORT: String(ports.web) }, health: `http://127.0.0.1:${ports.web}/` },
  { name: 'gateway', args: node('apps/gateway/src/main.ts'), env: { PORT: gatewayPort, CATALOG_URL: `http://127.0.0.1:${ports.catalog}`, PAYOUTS_URL: `http://127.0.0.1:${ports.payouts}`, DELIVERY_URL: `http://127.0.0.1:${ports.delivery}` }, health: `http://127.0.0.1:${gatewayPort}/healthz` },
];

const children: ChildProcess[] = [];
function launch(spec: ProcessSpec): ChildProcess {
  const child = spawn(process.execPath, spec.args, {
    cwd: spec.cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...shared, NEXT_TELEMETRY_DISABLED: '1', ...spec.env },
  });
  const prefix = `${spec.name.padEnd(10)}|`;
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) process.stdout.write(`${prefix} ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) logger.error(`${spec.name} exited (${signal ?? code}); stopping everything`);
    void stopAll(1);
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of [...children].reverse()) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.race([
    Promise.all(children.map((child) => child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))),
    new Promise((resolve) => setTimeout(resolve, 15_000)),
  ]);
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

await ensureWebBuild(logger);
const started = Date.now();
// All at once: each waits for nothing but the broker and its database, and the gateway answers
// 503 for a service still starting.
await Promise.all(specs.map((spec) => waitForHttp(spec.health, launch(spec), 120_000))).catch(async (error) => {
  logger.error(error.message);
  await stopAll(1);
});
logger.info(`Ticketing is running at http://localhost:${gatewayPort} (infra mode, started in ${((Date.now() - started) / 1000).toFixed(1)} s) — Ctrl-C to stop`);
