import { describe, expect, it } from 'vitest';
import { auditLedger } from '../src/findings';
import type { Ledger, ProviderCharge } from '../src/ledger';

// The rules on crafted ledgers: a good one is clean, and each kind of finding is found (and only it).
const charge = (id: string, orderId: string | null, amount: number, extra: Partial<ProviderCharge> = {}): ProviderCharge => ({
  id, paymentIntent: `pi_${id}`, status: 'succeeded', amount, amountRefunded: 0, orderId, ...extra,
});

function goodLedger(): Ledger {
  return {
    orders: [
      { id: 'o-paid', status: 'complete', priceCents: 5000 },
      { id: 'o-refunded', status: 'cancelled', priceCents: 1200 },
      { id: 'o-unpaid', status: 'cancelled', priceCents: 700 },
      { id: 'o-open', status: 'created', priceCents: 900 },
    ],
    charges: [
      charge('paid', 'o-paid', 5000),
      charge('refunded', 'o-refunded', 1200, { amountRefunded: 1200 }),
      charge('declined', 'o-unpaid', 700, { status: 'failed' }),
    ],
    refunds: [{ id: 're_1', charge: 'refunded', paymentIntent: 'pi_refunded', status: 'succeeded', amount: 1200 }],
    payments: [
      { id: 'p-paid', orderId: 'o-paid', status: 'succeeded', amount: 5000, stripeId: 'pi_paid' },
      { id: 'p-refunded', orderId: 'o-refunded', status: 'refunded', amount: 1200, stripeId: 'pi_refunded' },
      { id: 'p-declined', orderId: 'o-unpaid', status: 'failed', amount: 700, stripeId: null },
    ],
  };
}

const kinds = (ledger: Ledger) => auditLedger(ledger).map((finding) => finding.kind);

describe('money audit rules', () => {
  it('a good ledger has no findings', () => {
    expect(auditLedger(goodLedger())).toEqual([]);
  });

  it('a succeeded charge for a cancelled order with no refund (or a partial one) is money kept', () => {
    const ledger = goodLedger();
    ledger.charges.push(charge('kept', 'o-unpaid', 700), charge('partly', 'o-refunded', 1200, { amountRefunded: 100 }));
    const findings = auditLedger(ledger);
    expect(findings.map((finding) => finding.kind)).toEqual(['charge-kept', 'charge-kept']);
    expect(findings[0].message).toContain('charge kept of 700 succeeded, no refund, and order o-unpaid is cancelled');
    expect(findings[1].message).toContain('only 100 refunded');
  });

  it('a succeeded charge for no order at all is money kept (order found through payments when metadata is missing)', () => {
    const ledger = goodLedger();
    ledger.charges.push(charge('orphan', 'o-unknown', 300));
    expect(kinds(ledger)).toEqual(['charge-kept']);
    const viaPayments = goodLedger();
    viaPayments.charges[0].orderId = null;
    expect(kinds(viaPayments)).toEqual([]);
  });

  it('a complete order with no charge, or with two, is found', () => {
    const none = goodLedger();
    none.orders.push({ id: 'o-free', status: 'complete', priceCents: 100 });
    expect(kinds(none)).toEqual(['complete-order-charges']);
    const twice = goodLedger();
    twice.charges.push(charge('again', 'o-paid', 5000));
    const findings = auditLedger(twice);
    expect(findings.map((finding) => finding.kind)).toEqual(['complete-order-charges']);
    expect(findings[0].message).toContain('has 2 succeeded unrefunded charges (paid, again)');
  });

  it('an amount other than the order\'s recorded price is found, at the provider and in payments', () => {
    const ledger = goodLedger();
    ledger.charges[0].amount = 1000;
    ledger.payments[0].amount = 1000;
    expect(kinds(ledger)).toEqual(['amount-mismatch', 'amount-mismatch']);
    const refunded = goodLedger();
    refunded.charges[1] = { ...refunded.charges[1], amount: 1300, amountRefunded: 1300 };
    expect(kinds(refunded)).toEqual(['amount-mismatch']);
  });

  it('a refund for an order that is not cancelled (or unknown) is found', () => {
    const ledger = goodLedger();
    ledger.charges[0].amountRefunded = 5000;
    ledger.refunds.push({ id: 're_2', charge: 'paid', paymentIntent: 'pi_paid', status: 'succeeded', amount: 5000 });
    // The complete order then also keeps no charge.
    expect(kinds(ledger)).toEqual(['complete-order-charges', 'refund-without-cancel']);
    const unknown = goodLedger();
    unknown.refunds.push({ id: 're_3', charge: null, paymentIntent: 'pi_nobody', status: 'succeeded', amount: 10 });
    expect(auditLedger(unknown)[0].message).toBe('refund re_3 of 10 but no order (unknown) exists');
    const failed = goodLedger();
    failed.refunds.push({ id: 're_4', charge: 'paid', paymentIntent: 'pi_paid', status: 'failed', amount: 5000 });
    expect(kinds(failed)).toEqual([]);
  });
});

// Issue 15: a paid order whose event was cancelled ends `refunded`: its charge must be refunded in
// full at the provider, and it is not a sale (it keeps no charge, unlike a complete order).
describe('money audit rules: refunded orders', () => {
  function withRefundedOrder(): Ledger {
    const ledger = goodLedger();
    ledger.orders.push({ id: 'o-event', status: 'refunded', priceCents: 3000 });
    ledger.charges.push(charge('event', 'o-event', 3000, { amountRefunded: 3000 }));
    ledger.refunds.push({ id: 're_event', charge: 'event', paymentIntent: 'pi_event', status: 'succeeded', amount: 3000 });
    ledger.payments.push({ id: 'p-event', orderId: 'o-event', status: 'refunded', amount: 3000, stripeId: 'pi_event' });
    return ledger;
  }

  it('a refunded order whose charge was refunded in full is clean (its refund is not one "without cancel")', () => {
    expect(auditLedger(withRefundedOrder())).toEqual([]);
  });

  it('a refunded order whose charge is not refunded: money kept, and the order not refunded', () => {
    const ledger = withRefundedOrder();
    ledger.charges[3] = { ...ledger.charges[3], amountRefunded: 0 };
    ledger.refunds.pop();
    const findings = auditLedger(ledger);
    expect(findings.map((finding) => finding.kind)).toEqual(['charge-kept', 'refunded-order-not-refunded']);
    expect(findings[0].message).toContain('order o-event is refunded');
    expect(findings[1].message).toBe('refunded order o-event has no charge refunded in full (event: 0 of 3000) at the provider');
  });

  it('a refunded order refunded only in part is found by both rules', () => {
    const ledger = withRefundedOrder();
    ledger.charges[3] = { ...ledger.charges[3], amountRefunded: 2999 };
    expect(kinds(ledger)).toEqual(['charge-kept', 'refunded-order-not-refunded']);
  });

  it('a refunded order with no charge at all is found (it was never paid, so it cannot be refunded)', () => {
    const ledger = goodLedger();
    ledger.orders.push({ id: 'o-never-paid', status: 'refunded', priceCents: 100 });
    ledger.charges.push(charge('declined-event', 'o-never-paid', 100, { status: 'failed' }));
    const findings = auditLedger(ledger);
    expect(findings.map((finding) => finding.kind)).toEqual(['refunded-order-not-refunded']);
    expect(findings[0].message).toBe('refunded order o-never-paid has no succeeded charge at the provider');
  });

  it('a refunded order is not a sale: its kept charge is not what a complete order needs', () => {
    // Its charge found through payments' row (no metadata), refunded in full: clean.
    const viaPayments = withRefundedOrder();
    viaPayments.charges[3].orderId = null;
    expect(kinds(viaPayments)).toEqual([]);
    // The same charge counted for a complete order would be one too few: the refund is no sale.
    const asSale = withRefundedOrder();
    asSale.orders[4] = { ...asSale.orders[4], status: 'complete' };
    expect(kinds(asSale)).toEqual(['complete-order-charges', 'refund-without-cancel']);
  });
});

// Issue 16: the payouts ledger's rules on a crafted ledger (end to end: payouts-audit.test.ts).
describe('money audit rules: payouts', () => {
  function withPayout(createdSeconds: number, payableAt: Date): Ledger {
    const ledger = goodLedger();
    const entry = (movementId: string, movement: string, account: string, amountCents: number) => ({ movementId, movement, orderId: 'o-paid', account, amountCents, currency: 'usd' });
    ledger.payouts = {
      sales: [{
        orderId: 'o-paid', sellerId: 's', state: 'transferred', grossCents: 5000, feeCents: 250, netCents: 4750, currency: 'usd', chargeId: 'paid',
        paymentIntentId: 'pi_paid', payableAt, transferId: 'tr_1', reversalId: null, debtCents: 0, transferredAt: new Date(createdSeconds * 1000), refundedAt: null,
      }],
      entries: [
        entry('m1', 'charge', 'platform:cash', 5000), entry('m1', 'charge', 'platform:fees', -250), entry('m1', 'charge', 'seller:s', -4750),
        entry('m2', 'transfer', 'seller:s', 4750), entry('m2', 'transfer', 'platform:cash', -4750),
      ],
      // The refunded charge of goodLedger (1200, refunded in full) nets to nothing at the provider.
      transfers: [{ id: 'tr_1', amount: 4750, currency: 'usd', created: createdSeconds, destination: 'acct_1', saleId: 'o-paid' }],
      reversals: [],
    };
    return ledger;
  }

  it('a transfer in the very second its sale became payable is on time (the provider counts whole seconds); one a second earlier is not', () => {
    const payable = new Date('2026-12-01T12:00:00.500Z');
    expect(auditLedger(withPayout(Date.parse('2026-12-01T12:00:00Z') / 1000, payable))).toEqual([]);
    expect(kinds(withPayout(Date.parse('2026-12-01T11:59:59Z') / 1000, payable))).toEqual(['transfer-before-payable']);
  });

  it('the cash balance is per currency: an entry in another currency is a mismatch in both', () => {
    const ledger = withPayout(Date.parse('2026-12-01T12:00:00Z') / 1000, new Date('2026-12-01T11:00:00Z'));
    ledger.payouts!.entries[0] = { ...ledger.payouts!.entries[0]!, currency: 'eur' };
    expect(kinds(ledger)).toEqual(['movement-unbalanced', 'movement-unbalanced', 'platform-cash-mismatch', 'platform-cash-mismatch']);
  });
});
