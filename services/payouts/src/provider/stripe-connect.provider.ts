// The Stripe Connect adapter: express accounts, account links, transfers, transfer reversals and
// Connect webhook signatures, through the official SDK. STRIPE_API_BASE points it at the
// simulator (default) or at https://api.stripe.com.
import Stripe from 'stripe';
import { createStripeClient } from '@ticketing/common/stripe/stripe-client';
import { z } from 'zod';
import {
  BalanceInsufficient, InvalidWebhookEvent, InvalidWebhookSignature, type ConnectEvent, type PayoutsProvider,
} from './payouts-provider.port';
import { providerError } from './stripe-errors';

export interface StripeConnectOptions {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111 (the simulator) or https://api.stripe.com */
  apiBase: string;
  /** The Connect webhook endpoint's signing secret. */
  webhookSecret?: string;
  /** SDK retries of failed requests, reusing the same idempotency key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

export function createStripeConnectProvider(options: StripeConnectOptions): PayoutsProvider {
  const stripe = createStripeClient(options);

  return {
    async createAccount(userId, idempotencyKey) {
      try {
        const account = await stripe.accounts.create(
          { type: 'express', capabilities: { transfers: { requested: true } }, metadata: { userId } },
          { idempotencyKey },
        );
        return account.id;
      } catch (error) {
        throw providerError('Connected account creation failed', error);
      }
    },

    async createAccountLink(accountId, { refreshUrl, returnUrl }) {
      try {
        const link = await stripe.accountLinks.create({ account: accountId, type: 'account_onboarding', refresh_url: refreshUrl, return_url: returnUrl });
        return link.url;
      } catch (error) {
        throw providerError('Account link creation failed', error);
      }
    },

    async createTransfer(request, idempotencyKey) {
      try {
        const transfer = await stripe.transfers.create({
          amount: request.amount, currency: request.currency, destination: request.destination,
          transfer_group: request.transferGroup,
          ...(request.sourceTransaction ? { source_transaction: request.sourceTransaction } : {}),
          metadata: { saleId: request.saleId },
        }, { idempotencyKey });
        return transfer.id;
      } catch (error) {
        throw providerError('Transfer failed', error);
      }
    },

    async reverseTransfer(transferId, saleId, idempotencyKey) {
      try {
        const reversal = await stripe.transfers.createReversal(transferId, { metadata: { saleId } }, { idempotencyKey });
        return reversal.id;
      } catch (error) {
        if (error instanceof Stripe.errors.StripeError && error.code === 'balance_insufficient') {
          throw new BalanceInsufficient(error.message);
        }
        throw providerError('Transfer reversal failed', error);
      }
    },

    verifyWebhook(payload, signature): ConnectEvent {
      if (!options.webhookSecret) throw new InvalidWebhookSignature('No Connect webhook signing secret is configured');
      if (!signature) throw new InvalidWebhookSignature('Missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(payload, signature, options.webhookSecret);
      } catch (error) {
        throw new InvalidWebhookSignature((error as Error).message);
      }
      return connectEvent(event);
    },
  };
}

// What this endpoint reads of an event, checked before anything is stored: a signature proves
// who sent the bytes, not that they are an event we can use (text columns cannot hold NUL).
const text = z.string().min(1).max(255).refine((value) => !value.includes('\u0000'));
const eventShape = z.object({
  id: text, type: text, created: z.number().int().nonnegative(), account: text.nullish(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
const accountShape = z.object({
  object: z.literal('account'), id: text, payouts_enabled: z.boolean().nullish(),
  metadata: z.object({ userId: z.unknown().optional() }).nullish(),
});

function connectEvent(raw: Stripe.Event): ConnectEvent {
  const parsed = eventShape.safeParse(raw);
  if (!parsed.success) throw new InvalidWebhookEvent('The body is not a Stripe event (id, type, created and data.object)');
  const event = parsed.data;
  const account = accountShape.safeParse(event.data.object);
  // A userId we did not write (an account made elsewhere) is ignored: the account is then found by its id.
  const userId = account.success && z.uuid().safeParse(account.data.metadata?.userId).success ? String(account.data.metadata!.userId) : undefined;
  return {
    id: event.id, type: event.type, created: new Date(event.created * 1000),
    account: event.account ?? (account.success ? account.data.id : undefined),
    ...(account.success && event.type === 'account.updated'
      ? { accountStatus: { id: account.data.id, payoutsEnabled: account.data.payouts_enabled === true, userId } }
      : {}),
  };
}

