import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDb } from '@ticketing/common';
import { openTestPostgres, type TestDb } from '@ticketing/common/testing/index';
import { createStripeSimulator } from '@ticketing/stripe-sim';
import { stripeClient } from '../src/read-provider';
import { formatReport, runAudit } from '../src/run-audit';
import { migrateBoth, seedOrder } from './support/dataset';
import { migratePayouts, onboardedAccount, seedSale, type PayoutsWorld } from './support/payouts-dataset';

// The payouts ledger's rules end to end (docs/payouts.md "Tables and the ledger"): payouts' rows
// in a database migrated with its own migrations, transfers and reversals made at the simulator
// and read back through the SDK. Each test has a world of its own, so that one finding (the cash
// balance is global) does not leak into the next.
describe('runAudit: the payouts ledger', () => {
  const opened: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((close) => close()));
  });

  async function world(options: { migrated?: boolean } = {}): Promise<PayoutsWorld> {
    const dbs: TestDb[] = await Promise.all(['audit_orders', 'audit_payments', 'audit_payouts'].map((prefix) => openTestPostgres(prefix, 2)));
    const simulator = await createStripeSimulator().start();
    opened.push(async () => {
      await simulator.stop();
      await Promise.all(dbs.map((db) => db.close()));
    });
    const [orders, payments, payouts] = dbs.map((db) => db.db) as [TestDb['db'], TestDb['db'], TestDb['db']];
    await migrateBoth(orders, payments);
    if (options.migrated !== false) await migratePayouts(payouts);
    return { stripe: stripeClient({ secretKey: 'sk_test_audit', apiBase: simulator.url }), simulator, orders, payments, payouts };
  }
  const audit = (w: PayoutsWorld) => runAudit({ stripe: w.stripe, orders: w.orders, payments: w.payments, payouts: w.payouts });
  const kinds = (findings: Array<{ kind: string }>) => findings.map((finding) => finding.kind).sort();

  it('a clean ledger: held, paid out, refunded before and after the transfer (reversed, or a debt) — no findings', async () => {
    const w = await world();
    for (const story of ['held', 'transferred', 'refunded', 'reversed', 'debt', 'transferred'] as const) await seedSale(w, story);
    const report = await audit(w);
    expect(report.findings).toEqual([]);
    // Entries: 3 per charge and refund, 2 per transfer and reversal.
    expect(report.payouts).toEqual({ sales: 6, entries: 3 + 5 + 6 + 10 + 8 + 5, transfers: 4, reversals: 1 });
    expect(formatReport(report)).toContain('no findings; 3 sales, 3 orders refunded (event cancelled)\npayouts ledger: 6 sales, 37 entries; 4 transfers, 1 reversals at the provider');
  });

  it('a movement whose entries do not sum to zero', async () => {
    const w = await world();
    const { orderId } = await seedSale(w, 'transferred');
    // The fee booked one cent short: the cash is right, the movement is not.
    await w.payouts.query("UPDATE ledger_entries SET amount_cents = amount_cents + 1 WHERE order_id = $1 AND movement = 'charge' AND account = 'platform:fees'", [orderId]);
    const { findings } = await audit(w);
    expect(kinds(findings)).toEqual(['movement-unbalanced']);
    expect(findings[0]!.message).toMatch(new RegExp(`^movement [0-9a-f-]{36} \\(charge of order ${orderId}\\) sums to 1 usd, not 0$`));
  });

  it('a charge payouts never booked: the ledger\'s cash is not the provider\'s', async () => {
    const w = await world();
    await seedSale(w, 'transferred');
    await seedOrder(w, { status: 'complete', priceCents: 1234, charged: 1234 });
    const { findings } = await audit(w);
    expect(kinds(findings)).toEqual(['platform-cash-mismatch']);
    expect(findings[0]!.message).toBe(`the ledger's platform:cash is ${2000 - 1900} usd but the provider holds ${2000 + 1234 - 1900} (charges ${3234} − refunds 0 − transfers 1900 + reversals 0)`);
  });

  it('a transfer that pays no sale', async () => {
    const w = await world();
    await seedSale(w, 'held', 5000);
    const destination = await onboardedAccount(w, crypto.randomUUID());
    const stranger = crypto.randomUUID();
    const transfer = await w.stripe.transfers.create({ amount: 1000, currency: 'usd', destination, metadata: { saleId: stranger } });
    const { findings } = await audit(w);
    expect(kinds(findings)).toEqual(['platform-cash-mismatch', 'transfer-without-sale']);
    expect(findings.find((finding) => finding.kind === 'transfer-without-sale')!.message).toBe(`transfer ${transfer.id} of 1000 usd pays no sale (saleId ${stranger})`);
  });

  it('a transfer of a sale refunded before it (its order refunded, not complete), with no reversal', async () => {
    const w = await world();
    const sale = await seedSale(w, 'transferred');
    // The refund came first: the buyer got the money back, and the seller was paid anyway.
    await w.stripe.refunds.create({ charge: sale.chargeId });
    await w.orders.query("UPDATE orders SET status = 'refunded' WHERE id = $1", [sale.orderId]);
    await w.payments.query("UPDATE payments SET status = 'refunded' WHERE order_id = $1", [sale.orderId]);
    await w.payouts.query("UPDATE sales SET refunded_at = transferred_at - interval '1 hour' WHERE order_id = $1", [sale.orderId]);
    await w.payouts.query(
      `INSERT INTO ledger_entries (movement_id, movement, order_id, account, amount_cents, currency)
       VALUES ($1, 'refund', $2, $3, 1900, 'usd'), ($1, 'refund', $2, 'platform:fees', 100, 'usd'), ($1, 'refund', $2, 'platform:cash', -2000, 'usd')`,
      [crypto.randomUUID(), sale.orderId, `seller:${sale.sellerId}`],
    );
    const { findings } = await audit(w);
    expect(kinds(findings)).toEqual(['refund-not-reversed', 'transfer-order-not-complete']);
    expect(findings.find((finding) => finding.kind === 'transfer-order-not-complete')!.message)
      .toBe(`transfer ${sale.transferId} of 1900 usd pays sale ${sale.orderId} whose order is refunded and was not refunded after the transfer`);
  });

  it('a transfer made before the sale was payable', async () => {
    const w = await world();
    const sale = await seedSale(w, 'transferred');
    await w.payouts.query("UPDATE sales SET payable_at = now() + interval '1 hour' WHERE order_id = $1", [sale.orderId]);
    const { findings } = await audit(w);
    expect(kinds(findings)).toEqual(['transfer-before-payable']);
    expect(findings[0]!.message).toMatch(new RegExp(`^transfer ${sale.transferId} of 1900 usd was made at .+, before sale ${sale.orderId} was payable at `));
  });

  it('a sale transferred twice at the provider', async () => {
    const w = await world();
    await seedSale(w, 'held', 5000);
    const sale = await seedSale(w, 'transferred');
    const destination = (await w.stripe.transfers.retrieve(sale.transferId!)).destination as string;
    const again = await w.stripe.transfers.create({ amount: 1900, currency: 'usd', destination, transfer_group: sale.orderId, metadata: { saleId: sale.orderId } });
    const { findings } = await audit(w);
    // The second transfer is not in the ledger either: the cash differs by it.
    expect(kinds(findings)).toEqual(['platform-cash-mismatch', 'sale-transferred-twice']);
    const message = findings.find((finding) => finding.kind === 'sale-transferred-twice')!.message;
    expect(message).toMatch(new RegExp(`^sale ${sale.orderId} has 2 transfers at the provider \\(`));
    for (const id of [sale.transferId!, again.id]) expect(message).toContain(id);
  });

  it('a sale refunded after its transfer with neither a reversal nor a seller debt', async () => {
    const w = await world();
    const sale = await seedSale(w, 'debt');
    await w.payouts.query('UPDATE sales SET debt_cents = 0 WHERE order_id = $1', [sale.orderId]);
    const { findings } = await audit(w);
    expect(kinds(findings)).toEqual(['refund-not-reversed']);
    expect(findings[0]!.message).toBe(`sale ${sale.orderId} was refunded after transfer ${sale.transferId} of 1900 but it has no reversal and no seller debt is recorded`);
  });

  it('an older deployment: no payouts tables, or no payouts database — skipped, saying so, not an error', async () => {
    const w = await world({ migrated: false });
    await seedOrder(w, { status: 'complete', priceCents: 900, charged: 900 });
    const report = await audit(w);
    expect(report.findings).toEqual([]);
    expect(report.payouts).toEqual({ skipped: 'payouts is not deployed here: it has no sales and ledger_entries tables' });
    expect(formatReport(report)).toContain('payouts ledger: skipped (payouts is not deployed here: it has no sales and ledger_entries tables)');
    const missing = createPostgresDb({ url: 'postgres://postgres@127.0.0.1:5432/ticketing_audit_no_such_database', poolSize: 1 });
    try {
      const without = await runAudit({ stripe: w.stripe, orders: w.orders, payments: w.payments, payouts: missing });
      expect(without.payouts).toEqual({ skipped: 'payouts is not deployed here: its database does not exist' });
      expect(without.findings).toEqual([]);
    } finally {
      await missing.close();
    }
    expect((await runAudit({ stripe: w.stripe, orders: w.orders, payments: w.payments })).payouts).toEqual({ skipped: 'no payouts database given' });
  });
});
