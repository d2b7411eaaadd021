// `/__sim/*`: the simulator's own endpoints, for tests running in another process; they take a test
// secret key (`Authorization: Bearer sk_test_…`) like the API (checked in http-server.ts). Reads: charges, refunds, payment_intents, events, webhook_deliveries (filters:
// `payment_intent=`, `metadata[key]=`, `type=` for events), clock; Connect: accounts, transfers
// (`destination=`, `transfer_group=`), connect_webhook_deliveries. Controls: fail_next, delay_next,
// clock (`advance_ms`: move the simulator's clock forward), reset; Connect:
// accounts/<id>/complete-onboarding (what the hosted form does), accounts/<id>/balance (`set` or
// `debit` in minor units, `currency`: a payout to the seller's bank).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InspectionFilter } from '../domain/inspection';
import type { BalanceChange } from '../domain/connect/balance-adjustments';
import type { FaultStage, FaultStatus } from '../faults';
import { parseForm, type FormObject } from './form-params';
import { sendJson } from './respond';

export interface SimulatorControls {
  charges(filter: InspectionFilter): unknown[];
  refunds(filter: InspectionFilter): unknown[];
  paymentIntents(filter: InspectionFilter): unknown[];
  events(type?: string): unknown[];
  webhookDeliveries(): unknown[];
  connectWebhookDeliveries(): unknown[];
  accounts(): unknown[];
  transfers(filter: { destination?: string; transfer_group?: string }): unknown[];
  completeOnboarding(account: string): unknown;
  adjustAccountBalance(account: string, change: BalanceChange): unknown;
  failNext(count: number, status?: FaultStatus, options?: { stage?: FaultStage }): void;
  delayNext(count: number, ms: number): void;
  advanceClock(ms: number): number;
  clock(): { now: number; offsetMs: number };
  reset(): void;
}

type Action = (controls: SimulatorControls, input: FormObject) => unknown;
type AccountAction = (controls: SimulatorControls, account: string, input: FormObject) => unknown;

/** `POST /__sim/accounts/<id>/<action>`. */
const ACCOUNT_WRITES: Record<string, AccountAction> = {
  'complete-onboarding': (controls, account) => controls.completeOnboarding(account),
  balance: (controls, account, input) => controls.adjustAccountBalance(account, {
    set: integer(input.set),
    debit: integer(input.debit),
    currency: text(input.currency),
  }),
};

const READS: Record<string, Action> = {
  charges: (controls, input) => list(controls.charges(filterFrom(input))),
  refunds: (controls, input) => list(controls.refunds(filterFrom(input))),
  payment_intents: (controls, input) => list(controls.paymentIntents(filterFrom(input))),
  events: (controls, input) => list(controls.events(text(input.type))),
  webhook_deliveries: (controls) => list(controls.webhookDeliveries()),
  connect_webhook_deliveries: (controls) => list(controls.connectWebhookDeliveries()),
  accounts: (controls) => list(controls.accounts()),
  transfers: (controls, input) => list(controls.transfers({ destination: text(input.destination), transfer_group: text(input.transfer_group) })),
  clock: (controls) => clockBody(controls.clock()),
};

const WRITES: Record<string, Action> = {
  fail_next: (controls, input) => {
    const status = text(input.status) === 'network' ? 'network' : Number(text(input.status) ?? 500);
    controls.failNext(Number(text(input.count) ?? 1), status, { stage: text(input.stage) === 'after' ? 'after' : 'before' });
    return { ok: true };
  },
  delay_next: (controls, input) => {
    controls.delayNext(Number(text(input.count) ?? 1), Number(text(input.ms) ?? 0));
    return { ok: true };
  },
  clock: (controls, input) => {
    const advance = Number(text(input.advance_ms));
    if (text(input.advance_ms) === undefined || !Number.isFinite(advance)) throw new Error('advance_ms (milliseconds to move the clock forward) is required');
    controls.advanceClock(advance);
    return clockBody(controls.clock());
  },
  reset: (controls) => {
    controls.reset();
    return { ok: true };
  },
};

export function handleInspection(controls: SimulatorControls, request: IncomingMessage, response: ServerResponse, url: URL, body: string) {
  const name = url.pathname.slice('/__sim/'.length);
  const table = request.method === 'GET' ? READS : request.method === 'POST' ? WRITES : {};
  const action = Object.hasOwn(table, name) ? table[name] : request.method === 'POST' ? accountAction(name) : undefined;
  if (!action) return sendJson(response, 404, { error: { type: 'invalid_request_error', message: `Unknown simulator endpoint: ${request.method} ${url.pathname}` } });
  try {
    const input = request.method === 'GET' ? parseForm(url.search.slice(1)) : parseInput(request, body);
    sendJson(response, 200, action(controls, input));
  } catch (error) {
    sendJson(response, 400, { error: { type: 'invalid_request_error', message: (error as Error).message } });
  }
}

function accountAction(name: string): Action | undefined {
  const match = /^accounts\/([^/]+)\/([a-z-]+)$/.exec(name);
  if (!match || !Object.hasOwn(ACCOUNT_WRITES, match[2])) return undefined;
  const [, account, verb] = match;
  return (controls, input) => ACCOUNT_WRITES[verb](controls, decodeURIComponent(account), input);
}

function integer(value: FormObject[string] | undefined): number | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new Error(`expected an integer (minor units), got ${raw}`);
  return Number(raw);
}

function parseInput(request: IncomingMessage, body: string): FormObject {
  if (!(request.headers['content-type'] ?? '').includes('json')) return parseForm(body);
  const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Expected a JSON object');
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

function filterFrom(input: FormObject): InspectionFilter {
  const metadata = input.metadata;
  return {
    payment_intent: text(input.payment_intent),
    metadata: metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? stringsOnly(metadata) : undefined,
  };
}

function stringsOnly(object: FormObject): Record<string, string> {
  return Object.fromEntries(Object.entries(object).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function text(value: FormObject[string] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function clockBody(clock: { now: number; offsetMs: number }) {
  return { now: clock.now, offset_ms: clock.offsetMs };
}

function list(data: unknown[]) {
  return { object: 'list', data, has_more: false };
}
