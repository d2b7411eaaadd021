// Stripe's idempotency layer: a key belongs to one API key (account) and one endpoint; the first
// executed result is kept for 24 hours and replayed for the same parameters; other parameters or
// another endpoint are an idempotency_error; a retry while the first is still running gets a 409.
import { idempotencyError, type StripeApiError } from './errors';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
  requestId: string;
}

export interface IdempotencyEntry {
  endpoint: string;
  fingerprint: string;
  createdAt: number;
  response?: StoredResponse;
}

export type Reservation =
  | { kind: 'fresh'; complete(response: StoredResponse): void; release(): void }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'rejected'; error: StripeApiError };

export interface ReserveRequest {
  apiKey: string;
  key: string;
  endpoint: string;
  fingerprint: string;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, IdempotencyEntry>();

  /** `saved` hears of every key whose result is kept (the state file saves it). */
  constructor(private readonly now: () => number, private readonly saved: (id: string, entry: IdempotencyEntry) => void = () => undefined) {}

  /** A key kept by an earlier run of the simulator (the state file); an expired one is dropped. */
  restore(id: string, entry: IdempotencyEntry): void {
    if (entry.createdAt > this.now() - IDEMPOTENCY_TTL_MS) this.entries.set(id, entry);
  }

  reserve(request: ReserveRequest): Reservation {
    this.prune();
    const id = `${request.apiKey}\u0000${request.key}`;
    const entry = this.entries.get(id);
    if (entry) return this.reuse(entry, request);
    const fresh: IdempotencyEntry = { endpoint: request.endpoint, fingerprint: request.fingerprint, createdAt: this.now() };
    this.entries.set(id, fresh);
    return {
      kind: 'fresh',
      complete: (response) => {
        fresh.response = response;
        this.saved(id, fresh);
      },
      // Nothing was executed (validation failed, or a fault hit first): the key stays usable.
      release: () => void (this.entries.get(id) === fresh && this.entries.delete(id)),
    };
  }

  private reuse(entry: IdempotencyEntry, request: ReserveRequest): Reservation {
    if (entry.endpoint !== request.endpoint) {
      return { kind: 'rejected', error: idempotencyError(endpointMessage(entry.endpoint, request)) };
    }
    if (entry.fingerprint !== request.fingerprint) {
      return { kind: 'rejected', error: idempotencyError(parametersMessage(request.key)) };
    }
    if (!entry.response) {
      return { kind: 'rejected', error: idempotencyError(inProgressMessage(request.key), 409, 'idempotency_key_in_use') };
    }
    return { kind: 'replay', response: entry.response };
  }

  /** The keys whose result is kept, still in their window. */
  *kept(): Generator<[string, IdempotencyEntry]> {
    this.prune();
    for (const [id, entry] of this.entries) if (entry.response) yield [id, entry];
  }

  clear(): void {
    this.entries.clear();
  }

  /** Entries are kept in insertion order, so the expired ones are at the front. */
  private prune(): void {
    const cutoff = this.now() - IDEMPOTENCY_TTL_MS;
    for (const [id, entry] of this.entries) {
      if (entry.createdAt > cutoff) return;
      this.entries.delete(id);
    }
  }
}

function endpointMessage(first: string, request: ReserveRequest): string {
  return `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${first}' vs '${request.endpoint}'). Try using a key other than '${request.key}' if you meant to execute a different request.`;
}

function parametersMessage(key: string): string {
  return `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
}

function inProgressMessage(key: string): string {
  return `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`;
}

/** Parameters compared by value, independent of the order the client encoded them in. */
export function fingerprint(params: unknown): string {
  return JSON.stringify(sortKeys(params));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
