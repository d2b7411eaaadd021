// createStripeSimulator: a Stripe-compatible HTTP server for the PaymentIntents/Refunds subset the
// payments adapter uses and the Connect subset the payouts service uses (accounts, Account Links
// with a hosted onboarding page, transfers, reversals, balances, Connect webhooks), so the
// official SDK can run against it offline. State is in memory, and
// also in a state file when `stateFile` is given (embedded mode: it survives restarts).
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { DEFAULT_API_VERSION } from './api/api-version';
import { IdempotencyStore } from './api/idempotency';
import { SimClock } from './clock';
import { completeOnboarding } from './domain/connect/accounts';
import { adjustAccountBalance, type BalanceChange } from './domain/connect/balance-adjustments';
import { balanceObject, connectedBalance, platformBalance } from './domain/connect/balances';
import { transferView } from './domain/connect/transfer-object';
import { recordEvent } from './domain/events';
import { newId } from './domain/ids';
import { allEvents, allPaymentIntents, allRefunds, successfulCharges, type InspectionFilter } from './domain/inspection';
import { Store } from './domain/store';
import { StateFile } from './persistence/state-file';
import { FaultPlan, type FailNextOptions, type FaultStage, type FaultStatus } from './faults';
import type { ApiDeps } from './server/api-pipeline';
import { close, createHttpServer, listen, urlOf } from './server/http-server';
import { onboardingEmit } from './server/onboarding-routes';
import { WebhookDispatcher, type WebhookDelivery, type WebhookRetryOptions } from './webhooks/dispatcher';

/** The events a webhook endpoint receives unless `webhookEvents` says otherwise. */
export const DEFAULT_WEBHOOK_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'charge.refunded',
] as const;

/** Filters for `transfers()`: the objects of one seller or one order. */
export interface TransferFilter {
  destination?: string;
  transfer_group?: string;
}

export interface StripeSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Where events are POSTed; no webhooks when unset. */
  webhookUrl?: string;
  /** `whsec_…`; generated when unset (read it back from `webhookSecret`). */
  webhookSecret?: string;
  /** Event types the endpoint subscribes to (Stripe's enabled_events); `['*']` for all. */
  webhookEvents?: readonly string[];
  webhookRetry?: Partial<WebhookRetryOptions>;
  /**
   * Where events about connected accounts are POSTed (Stripe's Connect webhook endpoint): they carry
   * a top-level `account`, are signed with `connectWebhookSecret`, and never go to `webhookUrl`.
   * No Connect webhooks when unset.
   */
  connectWebhookUrl?: string;
  /** `whsec_…` of the Connect endpoint; generated when unset (read it back from `connectWebhookSecret`). */
  connectWebhookSecret?: string;
  /** Event types the Connect endpoint subscribes to; default `['*']` (account.updated, transfer.*). */
  connectWebhookEvents?: readonly string[];
  /**
   * Where a browser reaches the simulator, for Account Links' urls (`<publicUrl>/connect/onboarding/…`).
   * Default: the Host the API request was sent to (fine when the browser and the caller share it).
   */
  publicUrl?: string;
  /** Faults queued from the start, as `failNext` would. */
  failNextRequests?: FailNextOptions;
  /** Added to every API request before it executes. */
  responseDelayMs?: number;
  /** Version for events and for requests that send no Stripe-Version. */
  apiVersion?: string;
  /** Clock in milliseconds, for `created` and the 24-hour idempotency window. */
  now?: () => number;
  /** Receives warnings (failed webhook deliveries) and simulator bugs; silent by default. */
  log?: (entry: Record<string, unknown>) => void;
  /**
   * A JSON-lines file that keeps every object and idempotency key across restarts (embedded mode
   * passes one in its data directory); loaded at creation. Unset: state is in memory only.
   */
  stateFile?: string;
}

export interface StripeSimulator {
  /** `http://host:port`; available once started. */
  readonly url: string;
  readonly port: number;
  readonly webhookSecret: string;
  readonly connectWebhookSecret: string;
  start(): Promise<StripeSimulator>;
  stop(): Promise<void>;
  charges(filter?: InspectionFilter): Stripe.Charge[];
  refunds(filter?: InspectionFilter): Stripe.Refund[];
  paymentIntents(filter?: InspectionFilter): Stripe.PaymentIntent[];
  events(type?: string): Stripe.Event[];
  webhookDeliveries(): WebhookDelivery[];
  connectWebhookDeliveries(): WebhookDelivery[];
  accounts(): Stripe.Account[];
  transfers(filter?: TransferFilter): Stripe.Transfer[];
  /** The platform's balance, or a connected account's (as `GET /v1/balance` with `Stripe-Account`). */
  balance(account?: string): Stripe.Balance;
  /** What finishing the hosted onboarding does, without a browser (sends `account.updated`). */
  completeOnboarding(account: string): Stripe.Account;
  /** Sets or debits a connected account's available balance (a payout to the seller's bank). */
  adjustAccountBalance(account: string, change: BalanceChange): Stripe.Balance;
  /** Resolves when every webhook delivery (Connect ones too) started so far has succeeded or given up. */
  webhooksIdle(): Promise<void>;
  failNext(count: number, status?: FaultStatus, options?: { stage?: FaultStage }): void;
  delayNext(count: number, ms: number): void;
  /**
   * Moves the simulator's clock forward (`created` of new objects, the 24 h idempotency window:
   * keys older than that are forgotten, as at Stripe). Returns the new time in ms.
   */
  advanceClock(ms: number): number;
  /** The simulator's time in ms and how far it is ahead of the real clock. */
  clock(): { now: number; offsetMs: number };
  /** Forgets every object, event, idempotency key and queued fault, and puts the clock back. */
  reset(): void;
}

type Controls = Pick<
  StripeSimulator,
  | 'charges' | 'refunds' | 'paymentIntents' | 'events' | 'webhookDeliveries' | 'failNext' | 'delayNext' | 'advanceClock' | 'clock' | 'reset'
  | 'connectWebhookDeliveries' | 'accounts' | 'transfers' | 'balance' | 'completeOnboarding' | 'adjustAccountBalance'
>;

interface Parts {
  clock: SimClock;
  store: Store;
  state?: StateFile;
  idempotency: IdempotencyStore;
  faults: FaultPlan;
  dispatcher: WebhookDispatcher;
  connectDispatcher: WebhookDispatcher;
  api: ApiDeps;
}

const DEFAULT_RETRY: WebhookRetryOptions = { maxAttempts: 4, initialDelayMs: 250, maxDelayMs: 2_000, timeoutMs: 5_000 };

export function createStripeSimulator(options: StripeSimulatorOptions = {}): StripeSimulator {
  const webhookSecret = options.webhookSecret ?? newId('whsec');
  const connectWebhookSecret = options.connectWebhookSecret ?? newId('whsec');
  const parts = assemble(options, webhookSecret, connectWebhookSecret);
  const controls = controlsFor(parts);
  const server = createHttpServer(parts.api, controls);
  let address: AddressInfo | undefined;
  const started = () => {
    if (!address) throw new Error('The Stripe simulator is not started');
    return address;
  };

  return {
    ...controls,
    webhookSecret,
    connectWebhookSecret,
    get port() {
      return started().port;
    },
    get url() {
      return urlOf(started());
    },
    webhooksIdle: async () => {
      await Promise.all([parts.dispatcher.idle(), parts.connectDispatcher.idle()]);
    },
    async start() {
      address ??= await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
      parts.state?.claim();
      return this;
    },
    async stop() {
      if (!address) return;
      address = undefined;
      parts.state?.release();
      parts.faults.stop();
      await Promise.all([close(server), parts.dispatcher.stop(), parts.connectDispatcher.stop()]);
    },
  };
}

function assemble(options: StripeSimulatorOptions, webhookSecret: string, connectWebhookSecret: string): Parts {
  const clock = new SimClock(options.now ?? Date.now);
  const now = clock.now;
  const log = options.log ?? (() => undefined);
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const state = options.stateFile ? new StateFile(options.stateFile) : undefined;
  const store = new Store((kind, id) => state?.touched(kind, id));
  const idempotency = new IdempotencyStore(now, (id, entry) => state?.keyKept(id, entry));
  state?.load(store, idempotency);
  const faults = new FaultPlan(options.responseDelayMs ?? 0);
  if (options.failNextRequests) {
    const { count, status, stage } = options.failNextRequests;
    faults.failNext(count, status, stage);
  }
  const dispatcher = new WebhookDispatcher({
    url: options.webhookUrl,
    secret: webhookSecret,
    enabledEvents: options.webhookEvents ?? DEFAULT_WEBHOOK_EVENTS,
    retry: { ...DEFAULT_RETRY, ...options.webhookRetry },
    log,
  });
  const connectDispatcher = new WebhookDispatcher({
    url: options.connectWebhookUrl,
    secret: connectWebhookSecret,
    enabledEvents: options.connectWebhookEvents ?? ['*'],
    retry: { ...DEFAULT_RETRY, ...options.webhookRetry },
    log,
  });
  const nowSeconds = () => Math.floor(now() / 1000);
  const events = { store, sink: dispatcher, connectSink: connectDispatcher, apiVersion, nowSeconds };
  const emit: ApiDeps['emit'] = (type, object, source, emitOptions) => void recordEvent(events, type, object, source, emitOptions);
  const persist = state && ((changed: boolean) => state.flush(changed));
  const api: ApiDeps = { store, idempotency, faults, apiVersion, nowSeconds, emit, log, persist, publicUrl: options.publicUrl?.replace(/\/+$/, '') };
  return { clock, store, idempotency, faults, dispatcher, connectDispatcher, state, api };
}

function controlsFor({ clock, store, idempotency, faults, dispatcher, connectDispatcher, state, api }: Parts): Controls {
  // A control that changes state saves it as a request would.
  const saved = <T>(change: () => T): T => {
    try {
      return change();
    } finally {
      state?.flush(true);
    }
  };
  return {
    connectWebhookDeliveries: () => connectDispatcher.deliveries(),
    accounts: () => [...store.accounts.values()].map((account) => structuredClone(account)),
    transfers: (filter = {}) =>
      [...store.transfers.values()]
        .filter((transfer) => (!filter.destination || transfer.destination === filter.destination) && (!filter.transfer_group || transfer.transfer_group === filter.transfer_group))
        .map(transferView),
    balance: (account) => (account === undefined ? balanceObject(platformBalance(store), true) : balanceObject(connectedBalance(store, account), false)),
    completeOnboarding: (account) => saved(() => completeOnboarding({ store, nowSeconds: api.nowSeconds, emit: onboardingEmit(api) }, account)),
    adjustAccountBalance: (account, change) => saved(() => adjustAccountBalance(store, account, change, api.nowSeconds())),
    charges: (filter = {}) => successfulCharges(store, filter),
    refunds: (filter = {}) => allRefunds(store, filter),
    paymentIntents: (filter = {}) => allPaymentIntents(store, filter),
    events: (type) => allEvents(store, type),
    webhookDeliveries: () => dispatcher.deliveries(),
    failNext: (count, status = 500, { stage = 'before' } = {}) => faults.failNext(count, status, stage),
    delayNext: (count, ms) => faults.delayNext(count, ms),
    advanceClock: (ms) => {
      clock.advance(ms);
      return clock.now();
    },
    clock: () => ({ now: clock.now(), offsetMs: clock.offset }),
    reset: () => {
      clock.reset();
      store.clear();
      faults.clear();
      dispatcher.clear();
      connectDispatcher.clear();
      idempotency.clear();
      state?.clear();
    },
  };
}
