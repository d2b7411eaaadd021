// Where the audit reads from. Infra: the services' PostgreSQL databases and the provider at
// STRIPE_API_BASE. Embedded: a stopped marketplace's data directory — a copy of its PGlite
// directory (the audit never writes to the original) and a simulator of our own serving a copy of
// the persisted simulator state, spoken to through the SDK like any provider.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPostgresDb, isProcessRunning, PgliteHost } from '@ticketing/common';
import { createStripeSimulator } from '@ticketing/stripe-sim';
import { pidFileOf } from '@ticketing/stripe-sim/persistence/state-file';
import { stripeClient } from './read-provider';
import type { AuditSources } from './run-audit';

export interface OpenSources extends AuditSources {
  /** What was read, for the report's first line. */
  description: string;
  close(): Promise<void>;
}

export interface InfraSourceOptions {
  ordersUrl: string;
  paymentsUrl: string;
  /** Without it the payouts ledger is not audited (the report says so). */
  payoutsUrl?: string;
  stripeApiBase: string;
  stripeSecretKey: string;
}

export function openInfraSources(options: InfraSourceOptions): OpenSources {
  const orders = createPostgresDb({ url: options.ordersUrl, poolSize: 1 });
  const payments = createPostgresDb({ url: options.paymentsUrl, poolSize: 1 });
  // A missing database fails its first query, which the audit reads as "payouts not deployed".
  const payouts = options.payoutsUrl ? createPostgresDb({ url: options.payoutsUrl, poolSize: 1 }) : undefined;
  const databases = [options.ordersUrl, options.paymentsUrl, ...(options.payoutsUrl ? [options.payoutsUrl] : [])];
  return {
    stripe: stripeClient({ secretKey: options.stripeSecretKey, apiBase: options.stripeApiBase }),
    orders, payments, payouts,
    description: `infra: ${databases.map(redact).join(', ')}, provider ${options.stripeApiBase}`,
    async close() {
      await Promise.all([orders.close(), payments.close(), payouts?.close()]);
    },
  };
}

/** The file the embedded launcher keeps the simulator's state in. */
export const SIMULATOR_STATE = 'stripe-sim.jsonl';

export class MarketplaceRunning extends Error {}

export async function openEmbeddedSources(dataDir: string): Promise<OpenSources> {
  const dir = resolve(dataDir);
  if (!existsSync(join(dir, 'pglite', 'PG_VERSION'))) throw new Error(`${dir} holds no embedded database (pglite/): is it a TICKETING_DATA_DIR?`);
  assertStopped(join(dir, SIMULATOR_STATE));
  const copy = mkdtempSync(join(tmpdir(), 'ticketing-audit-'));
  cpSync(join(dir, 'pglite'), join(copy, 'pglite'), { recursive: true });
  const hasState = existsSync(join(dir, SIMULATOR_STATE));
  if (hasState) cpSync(join(dir, SIMULATOR_STATE), join(copy, SIMULATOR_STATE));
  const host = await PgliteHost.open(join(copy, 'pglite'));
  const simulator = await createStripeSimulator({ stateFile: hasState ? join(copy, SIMULATOR_STATE) : undefined }).start();
  return {
    stripe: stripeClient({ secretKey: 'sk_test_audit', apiBase: simulator.url }),
    orders: await host.database('orders'),
    payments: await host.database('payments'),
    // The copy's schema is made if missing (an older data directory): then it has no tables, and says so.
    payouts: await host.database('payouts'),
    description: `embedded: ${dir}${hasState ? '' : ` (no ${SIMULATOR_STATE}: the provider side is empty)`}`,
    async close() {
      await simulator.stop();
      await host.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** PGlite has no lock of its own: the simulator's pid file tells whether the marketplace is running. */
function assertStopped(stateFile: string): void {
  const pidFile = pidFileOf(stateFile);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!Number.isInteger(pid) || !isProcessRunning(pid)) return;
  throw new MarketplaceRunning(`the marketplace using ${resolve(stateFile, '..')} is running (process ${pid}): stop it (Ctrl-C) and run the audit again; its embedded database cannot be read by a second process while it runs`);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
