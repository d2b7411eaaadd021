// The compiled build (npm run build, issue 14) as the image, compose and Kubernetes run it: every
// bundle is built, then started with plain `node` (no tsx, no TypeScript) against the local
// PostgreSQL, RabbitMQ and Redis (databases, vhost and Redis database of its own, removed
// afterwards). Each service answers /healthz and /readyz, the gateway and the simulator answer,
// the built bus CLI and money audit run, and every metric the alert rules and the Grafana
// dashboard read is one the running services export.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, entries, outputOf } from '../../tools/build.mjs';
import { exportedSeries, metricNames } from './support/promql';
import { parseYamlObjects } from './support/render-manifests';

const root = fileURLToPath(new URL('../../', import.meta.url));
const POSTGRES = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const RABBIT = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const services = ['auth', 'tickets', 'orders', 'payments', 'expiration', 'catalog', 'payouts', 'delivery'] as const;
/** Series Prometheus makes itself, not the services. */
const prometheusOwn = new Set(['up']);

const tag = `buildtest_${randomBytes(3).toString('hex')}`;
const vhost = tag;
const databaseUrl = (service: string) => `${POSTGRES}/ticketing_${tag}_${service}`;
const dataDir = mkdtempSync(join(tmpdir(), 'ticketing-build-test-'));
const children: Array<{ name: string; child: ChildProcess; output: string[] }> = [];
const port: Record<string, number> = {};
let redisDb = -1;
const metricsOf: Record<string, string> = {};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: chosen } = server.address() as { port: number };
      server.close(() => resolve(chosen));
    }).on('error', reject);
  });
}

function start(name: string, output: string, env: Record<string, string>): void {
  const child = spawn(process.execPath, ['--enable-source-maps', output], {
    cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  children.push({ name, child, output: lines });
}

async function answers(name: string, url: string, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  const entry = children.find((candidate) => candidate.name === name)!;
  for (;;) {
    if (entry.child.exitCode !== null) throw new Error(`${name} exited ${entry.child.exitCode}:\n${entry.output.join('')}`);
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return response;
    if (Date.now() > deadline) throw new Error(`${name}: ${url} did not answer 200 within ${timeoutMs} ms:\n${entry.output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function runBuilt(output: string, args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ['--enable-source-maps', output, ...args], {
      cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number | null; stdout: string; stderr: string };
    return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  await buildAll();
  execFileSync('rabbitmqctl', ['add_vhost', vhost], { stdio: 'ignore', timeout: 60_000 });
  execFileSync('rabbitmqctl', ['set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*'], { stdio: 'ignore', timeout: 60_000 });
  const redis = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  for (let index = 15; index > 0 && redisDb < 0; index--) {
    await redis.select(index);
    if (await redis.dbsize() === 0) redisDb = index;
  }
  redis.disconnect();
  if (redisDb < 0) throw new Error('no empty Redis database for the test');

  for (const name of [...services, 'gateway', 'stripe-sim']) port[name] = await freePort();
  const busUrl = `${RABBIT}/${vhost}`;
  const webhookSecret = `whsec_${tag}`;
  const connectWebhookSecret = `whsec_connect_${tag}`;
  const common = (service: string) => ({
    PORT: String(port[service]), DATABASE_URL: databaseUrl(service), BUS_URL: busUrl,
    AUTH_JWKS_URL: `http://127.0.0.1:${port.auth}/api/users/.well-known/jwks.json`,
  });
  start('stripe-sim', outputOf('tools/stripe-sim'), {
    STRIPE_SIM_PORT: String(port['stripe-sim']), STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_SIM_WEBHOOK_URL: `http://127.0.0.1:${port.payments}/api/payments/webhooks/stripe`,
    STRIPE_SIM_CONNECT_WEBHOOK_URL: `http://127.0.0.1:${port.payouts}/api/payouts/webhooks/stripe`, STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret,
  });
  start('auth', outputOf('services/auth'), { ...common('auth'), AUTH_KEY_FILE: join(dataDir, 'auth-key.json'), COOKIE_SECURE: 'false' });
  start('tickets', outputOf('services/tickets'), common('tickets'));
  start('orders', outputOf('services/orders'), common('orders'));
  start('payments', outputOf('services/payments'), {
    ...common('payments'), STRIPE_API_BASE: `http://127.0.0.1:${port['stripe-sim']}`, STRIPE_SECRET_KEY: 'sk_test_build', STRIPE_WEBHOOK_SECRET: webhookSecret,
  });
  start('expiration', outputOf('services/expiration'), { ...common('expiration'), REDIS_URL: `${REDIS}/${redisDb}`, EXPIRATION_SCHEDULER: 'bullmq' });
  start('catalog', outputOf('services/catalog'), common('catalog'));
  // Release timers on BullMQ in the same Redis database as expiration's (their queues are named apart).
  start('payouts', outputOf('services/payouts'), {
    ...common('payouts'), STRIPE_API_BASE: `http://127.0.0.1:${port['stripe-sim']}`, STRIPE_SECRET_KEY: 'sk_test_build',
    STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret, REDIS_URL: `${REDIS}/${redisDb}`, PAYOUTS_SCHEDULER: 'bullmq',
  });
  // Development keys (file keyring, pass key) generated into the test's data directory.
  start('delivery', outputOf('services/delivery'), { ...common('delivery'), DELIVERY_DATA_DIR: dataDir });
  const local = (name: string) => `http://127.0.0.1:${port[name]}`;
  start('gateway', outputOf('apps/gateway'), {
    PORT: String(port.gateway), HOST: '127.0.0.1', AUTH_URL: local('auth'), TICKETS_URL: local('tickets'),
    ORDERS_URL: local('orders'), PAYMENTS_URL: local('payments'), CATALOG_URL: local('catalog'), PAYOUTS_URL: local('payouts'),
    DELIVERY_URL: local('delivery'), WEB_URL: local('gateway'),
  });
  for (const service of services) {
    await answers(service, `${local(service)}/readyz`);
    metricsOf[service] = await (await answers(service, `${local(service)}/metrics`)).text();
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(children.map(({ child }) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  })));
  const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  try {
    for (const service of services) await admin.query(`DROP DATABASE IF EXISTS "ticketing_${tag}_${service}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  try { execFileSync('rabbitmqctl', ['delete_vhost', vhost], { stdio: 'ignore', timeout: 60_000 }); } catch { /* reported by nothing: best effort */ }
  if (redisDb > 0) {
    const redis = new Redis(`${REDIS}/${redisDb}`, { maxRetriesPerRequest: 1 });
    await redis.flushdb().finally(() => redis.disconnect());
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm run build', () => {
  it('writes a bundle with a source map for every shipped process, next to the SQL migrations it reads', () => {
    for (const workspace of Object.keys(entries)) {
      const output = `${root}${outputOf(workspace)}`;
      expect(existsSync(output), output).toBe(true);
      expect(existsSync(`${output}.map`), `${output}.map`).toBe(true);
      // Workspace code is inside; no TypeScript is loaded at run time.
      expect(readFileSync(output, 'utf8')).not.toMatch(/from ["']@ticketing\/|\.ts["']\)/);
    }
    for (const service of services) {
      expect(existsSync(`${root}services/${service}/dist/files/packages/common/src/db/migrations/0000_outbox_inbox.sql`), service).toBe(true);
    }
  });

  it('starts every service with plain node: /healthz and /readyz answer, and so do the gateway and the simulator', async () => {
    for (const service of services) {
      expect(await (await fetch(`http://127.0.0.1:${port[service]}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`http://127.0.0.1:${port[service]}/readyz`)).status).toBe(200);
    }
    expect((await answers('gateway', `http://127.0.0.1:${port.gateway}/healthz`)).status).toBe(200);
    expect((await answers('gateway', `http://127.0.0.1:${port.gateway}/api/users/.well-known/jwks.json`)).status).toBe(200);
    // The built catalog behind the built gateway: its database, migrations and search query work.
    const events = await answers('gateway', `http://127.0.0.1:${port.gateway}/api/events?q=nothing`);
    expect(await events.json()).toEqual([]);
    // The built payouts behind the built gateway: a seller's page needs a session (the standard error body).
    const payouts = await fetch(`http://127.0.0.1:${port.gateway}/api/payouts`);
    expect(payouts.status).toBe(401);
    expect(await payouts.json()).toEqual({ errors: [expect.objectContaining({ message: expect.any(String) })] });
    // The built delivery behind the built gateway: the key door scanners verify passes with is public.
    const jwks = await fetch(`http://127.0.0.1:${port.gateway}/api/checkin/jwks.json`);
    expect(jwks.status).toBe(200);
    expect((await jwks.json()).keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519' })]);
    expect((await fetch(`http://127.0.0.1:${port['stripe-sim']}/v1/payment_intents`, { headers: { authorization: 'Bearer sk_test_build' } })).status).toBe(200);
  });

  it('runs the built bus CLI and money audit', () => {
    const dlq = runBuilt(outputOf('tools/bus-cli'), ['dlq', 'list'], { BUS_URL: `${RABBIT}/${vhost}` });
    expect(dlq.status, dlq.stderr).toBe(0);
    const audit = runBuilt(outputOf('tools/audit'), [], {
      ORDERS_DATABASE_URL: databaseUrl('orders'), PAYMENTS_DATABASE_URL: databaseUrl('payments'), PAYOUTS_DATABASE_URL: databaseUrl('payouts'),
      STRIPE_API_BASE: `http://127.0.0.1:${port['stripe-sim']}`, STRIPE_SECRET_KEY: 'sk_test_build',
    });
    expect(audit.status, `${audit.stdout}\n${audit.stderr}`).toBe(0);
    // payouts migrated its database: its (empty) ledger and the provider's transfers were read.
    expect(audit.stdout).toContain('payouts ledger: 0 sales, 0 entries; 0 transfers, 0 reversals at the provider');
  });
});

describe('observability against the running build', () => {
  const exported = () => new Set(Object.values(metricsOf).flatMap((text) => [...exportedSeries(text)]));
  const rules = parseYamlObjects(readFileSync(`${root}infra/k8s/components/monitoring/prometheus-rules.yaml`, 'utf8'), 'prometheus-rules.yaml')[0]!;
  const alerts = (rules.spec as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }).groups.flatMap((group) => group.rules);
  const dashboard = JSON.parse(readFileSync(`${root}infra/k8s/components/monitoring/grafana-dashboard.json`, 'utf8')) as {
    panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
  };

  it('exports the bus, outbox, HTTP and expiry metrics the alerts need', () => {
    const names = exported();
    for (const name of ['bus_dead_lettered_total', 'bus_oldest_wait_seconds', 'outbox_oldest_age_seconds', 'http_requests_total', 'http_request_duration_seconds_bucket', 'expiration_lateness_seconds_bucket']) {
      expect(names, name).toContain(name);
    }
    expect(exportedSeries(metricsOf.expiration!)).toContain('expiration_lateness_seconds_bucket');
  });

  it('alerts only on metrics the services really export', () => {
    const names = exported();
    expect(alerts.length).toBeGreaterThanOrEqual(5);
    for (const alert of alerts) {
      const used = metricNames(alert.expr);
      expect(used.length, alert.alert).toBeGreaterThan(0);
      for (const metric of used) if (!prometheusOwn.has(metric)) expect(names, `${alert.alert}: ${metric}`).toContain(metric);
    }
  });

  it('draws the dashboard from exported metrics (and RabbitMQ\'s own for the broker backlog)', () => {
    const names = exported();
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
    expect(exprs.length).toBeGreaterThan(10);
    for (const { panel, expr } of exprs) {
      for (const metric of metricNames(expr)) if (!metric.startsWith('rabbitmq_')) expect(names, `${panel}: ${metric}`).toContain(metric);
    }
  });
});
