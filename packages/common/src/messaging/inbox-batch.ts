// Batched consumers (issue 13, lever 1): the deliveries a subscription has in flight are gathered
// into one transaction — one multi-row inbox claim, every claimed event's effect, one commit —
// instead of a transaction each. On any error the batch rolls back and each event runs alone
// through handleOnce, so per-event retry, waiting and dead-lettering stay exactly as before.
import type { Db, Tx } from '../db/port';
import type { Envelope } from '../events/contracts';
import { handleOnce } from './consumer-inbox';

export interface BatchItem {
  envelope: Envelope;
  /** Applies this event's effect inside the (already claimed) transaction. */
  effect: (tx: Tx) => Promise<void>;
}

interface Waiting extends BatchItem {
  resolve: (handled: boolean) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  db: Db;
  group: string;
  /** Most events in one transaction (1 = no batching). */
  maxBatch: number;
  /** Batches of this consumer in flight at once (each holds one connection). */
  maxConcurrent: number;
}

/** Claims (event, group) for every event of the batch at once; returns the ids newly claimed. */
async function claimAll(tx: Tx, group: string, envelopes: Envelope[]): Promise<Set<string>> {
  const rows = await tx.query<{ event_id: string }>(
    `INSERT INTO inbox (event_id, consumer_group, subject)
     SELECT event_id, $2, subject FROM unnest($1::uuid[], $3::text[]) AS claimed(event_id, subject)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [envelopes.map((envelope) => envelope.id), group, envelopes.map((envelope) => envelope.subject)],
  );
  return new Set(rows.map((row) => row.event_id));
}

export class InboxBatcher {
  private readonly queue: Waiting[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly options: BatcherOptions) {}

  /** Resolves true once the event's effect committed, false for a duplicate; rejects with its own error. */
  submit(item: BatchItem): Promise<boolean> {
    if (this.options.maxBatch <= 1) return handleOnce(this.options.db, this.options.group, item.envelope, item.effect);
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      this.schedule();
    });
  }

  /** Deliveries that arrive in the same turn of the event loop share a batch. */
  private schedule(): void {
    if (this.scheduled || this.running >= this.options.maxConcurrent) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0 && this.running < this.options.maxConcurrent) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        this.running++;
        void this.flush(batch).finally(() => {
          this.running--;
          if (this.queue.length > 0) this.schedule();
        });
      }
    });
  }

  private async flush(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]);
    // One copy of each event (a redelivery may share the batch with the original).
    const unique = [...new Map(batch.map((item) => [item.envelope.id, item])).values()];
    let claimed: Set<string>;
    try {
      claimed = await this.options.db.transaction(async (tx) => {
        const ids = await claimAll(tx, this.options.group, unique.map((item) => item.envelope));
        for (const item of unique) if (ids.has(item.envelope.id)) await item.effect(tx);
        return ids;
      });
    } catch {
      // Someone's effect failed (or waits): nothing of the batch committed. Each goes alone now.
      await Promise.all(batch.map((item) => this.alone(item)));
      return;
    }
    const first = new Set<string>();
    for (const item of batch) {
      const isFirst = claimed.has(item.envelope.id) && !first.has(item.envelope.id);
      first.add(item.envelope.id);
      item.resolve(isFirst);
    }
  }

  private async alone(item: Waiting): Promise<void> {
    try {
      item.resolve(await handleOnce(this.options.db, this.options.group, item.envelope, item.effect));
    } catch (error) {
      item.reject(error);
    }
  }
}
