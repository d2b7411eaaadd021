import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { startSimulator, stripeFor } from './support/harness';
import { connectedAccount, paidCharge } from './support/connect';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const PLATFORM_SECRET = 'whsec_platform_test';
const CONNECT_SECRET = 'whsec_connect_test';

type ConnectEvent = Stripe.Event & { account?: string };

function eventsOf(receiver: WebhookReceiver, stripe: Stripe, secret: string): ConnectEvent[] {
  return receiver.received.map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, secret) as ConnectEvent);
}

// Issue 16: events about connected accounts go to the Connect endpoint, signed with its own
// secret, with a top-level `account`; the platform endpoint never sees them.
describe('Connect webhooks', () => {
  let platform: WebhookReceiver;
  let connect: WebhookReceiver;
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    platform = await startWebhookReceiver();
    connect = await startWebhookReceiver();
    simulator = await startSimulator({
      webhookUrl: platform.url, webhookSecret: PLATFORM_SECRET, webhookEvents: ['*'],
      connectWebhookUrl: connect.url, connectWebhookSecret: CONNECT_SECRET,
    });
    stripe = stripeFor(simulator);
  });
  afterEach(async () => {
    await simulator.webhooksIdle();
    platform.received.length = 0;
    connect.received.length = 0;
  });
  afterAll(async () => {
    await simulator.stop();
    await Promise.all([platform.close(), connect.close()]);
  });

  it('account.updated, transfer.created and transfer.reversed reach the Connect endpoint, signed, with account', async () => {
    const account = await connectedAccount(stripe);
    simulator.completeOnboarding(account.id);
    const transfer = await stripe.transfers.create({ amount: 900, currency: 'usd', destination: account.id, source_transaction: await paidCharge(stripe, { amount: 1000 }) });
    await stripe.transfers.createReversal(transfer.id, { amount: 400 });
    await simulator.webhooksIdle();

    const events = eventsOf(connect, stripe, CONNECT_SECRET);
    expect(events.map((event) => event.type)).toEqual(['account.updated', 'transfer.created', 'transfer.reversed']);
    expect(events.every((event) => event.account === account.id && event.livemode === false)).toBe(true);
    expect(events[0].data.object).toMatchObject({ object: 'account', id: account.id, payouts_enabled: true, charges_enabled: true });
    expect(events[1].data.object).toMatchObject({ object: 'transfer', id: transfer.id, amount: 900 });
    expect(events[2].data.object).toMatchObject({ id: transfer.id, amount_reversed: 400, reversed: false });
    expect(() => eventsOf(connect, stripe, PLATFORM_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(await stripe.events.retrieve(events[1].id)).toMatchObject({ type: 'transfer.created', account: account.id });

    // The platform endpoint (subscribed to everything) got the payment, none of the Connect events.
    const platformTypes = eventsOf(platform, stripe, PLATFORM_SECRET).map((event) => event.type);
    expect(platformTypes).toContain('payment_intent.succeeded');
    expect(platformTypes.filter((type) => type.startsWith('account.') || type.startsWith('transfer.'))).toEqual([]);
    expect(simulator.connectWebhookDeliveries().every((delivery) => delivery.status === 'delivered')).toBe(true);
  });

  it('retries a failing Connect endpoint like the platform one', async () => {
    const flaky = await startWebhookReceiver({ answer: (n) => (n < 2 ? 503 : 200) });
    const other = await startSimulator({ connectWebhookUrl: flaky.url, webhookRetry: { initialDelayMs: 10 } });
    try {
      const client = stripeFor(other);
      const account = await connectedAccount(client);
      other.completeOnboarding(account.id);
      await other.webhooksIdle();
      expect(other.connectWebhookDeliveries()).toEqual([expect.objectContaining({ type: 'account.updated', status: 'delivered', attempts: 2 })]);
      // A generated secret, readable back for the receiver.
      expect(eventsOf(flaky, client, other.connectWebhookSecret)).toHaveLength(2);
    } finally {
      await other.stop();
      await flaky.close();
    }
  });

  it('with no Connect endpoint configured nothing is sent (the events are still recorded)', async () => {
    const other = await startSimulator({ webhookUrl: platform.url, webhookSecret: PLATFORM_SECRET, webhookEvents: ['*'] });
    try {
      const account = await connectedAccount(stripeFor(other));
      other.completeOnboarding(account.id);
      await other.webhooksIdle();
      expect(other.connectWebhookDeliveries()).toEqual([]);
      expect(other.events('account.updated')).toHaveLength(1);
      expect(platform.received).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });
});
