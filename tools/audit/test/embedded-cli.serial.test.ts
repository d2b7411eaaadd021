import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteHost } from '@ticketing/common';
import { createStripeSimulator } from '@ticketing/stripe-sim';
import { stripeClient } from '../src/read-provider';
import { SIMULATOR_STATE } from '../src/sources';
import { migrateBoth, seedOrder } from './support/dataset';
import { migratePayouts, seedSale } from './support/payouts-dataset';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function audit(dataDir: string) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'tools/audit/src/main.ts', '--embedded', dataDir], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

// `npm run audit -- --embedded <dir>` on a stopped marketplace's data directory: a PGlite database
// and the simulator's persisted state; exit 0 clean, 1 with findings, 2 while the marketplace runs.
describe('npm run audit -- --embedded', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-embedded-'));
  let keptOrder = '';

  beforeAll(async () => {
    const host = await PgliteHost.open(join(dataDir, 'pglite'));
    const simulator = await createStripeSimulator({ stateFile: join(dataDir, SIMULATOR_STATE) }).start();
    const stripe = stripeClient({ secretKey: 'sk_test_x', apiBase: simulator.url });
    const dbs = { stripe, orders: await host.database('orders'), payments: await host.database('payments') };
    await migrateBoth(dbs.orders, dbs.payments);
    await seedOrder(dbs, { status: 'complete', priceCents: 2500, charged: 2500 });
    await seedOrder(dbs, { status: 'cancelled', priceCents: 2500, charged: 2500, refund: true });
    await simulator.stop();
    await host.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a clean data directory: exit 0', () => {
    const { code, out } = audit(dataDir);
    expect(out).toContain('read 2 PaymentIntents, 2 charges, 1 refunds; 2 orders, 2 payments: no findings');
    // A data directory from before payouts: its rules are skipped, and the audit says so.
    expect(out).toContain('payouts ledger: skipped (payouts is not deployed here: it has no sales and ledger_entries tables)');
    expect(code).toBe(0);
  });

  it('with payouts\' schema: its sales, ledger and transfers are audited too', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'audit-embedded-payouts-'));
    try {
      const host = await PgliteHost.open(join(copy, 'pglite'));
      const simulator = await createStripeSimulator({ stateFile: join(copy, SIMULATOR_STATE) }).start();
      const stripe = stripeClient({ secretKey: 'sk_test_x', apiBase: simulator.url });
      const world = { stripe, simulator, orders: await host.database('orders'), payments: await host.database('payments'), payouts: await host.database('payouts') };
      await migrateBoth(world.orders, world.payments);
      await migratePayouts(world.payouts);
      await seedSale(world, 'transferred');
      await seedSale(world, 'reversed');
      await simulator.stop();
      await host.close();
      const { code, out } = audit(copy);
      expect(out).toContain('payouts ledger: 2 sales, 15 entries; 2 transfers, 1 reversals at the provider');
      expect(code).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it('money kept for a cancelled order: exit 1 and the finding', async () => {
    const host = await PgliteHost.open(join(dataDir, 'pglite'));
    const simulator = await createStripeSimulator({ stateFile: join(dataDir, SIMULATOR_STATE) }).start();
    const stripe = stripeClient({ secretKey: 'sk_test_x', apiBase: simulator.url });
    keptOrder = (await seedOrder({ stripe, orders: await host.database('orders'), payments: await host.database('payments') }, { status: 'cancelled', priceCents: 900, charged: 900 })).orderId;
    await simulator.stop();
    await host.close();
    const { code, out } = audit(dataDir);
    expect(out).toContain(`[charge-kept]`);
    expect(out).toContain(`order ${keptOrder} is cancelled`);
    expect(code).toBe(1);
  }, 120_000);

  it('while the marketplace runs (its simulator holds the state): exit 2, saying so', () => {
    writeFileSync(join(dataDir, `${SIMULATOR_STATE}.pid`), String(process.pid));
    try {
      const { code, out } = audit(dataDir);
      expect(out).toContain(`is running (process ${process.pid}): stop it`);
      expect(code).toBe(2);
    } finally {
      rmSync(join(dataDir, `${SIMULATOR_STATE}.pid`));
    }
  });
});
