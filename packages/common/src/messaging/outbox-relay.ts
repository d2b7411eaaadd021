// The outbox relay: sends pending outbox rows to the bus (awaiting broker confirmation), then marks
// them sent. Woken right after a commit that published (low latency) and also on a timer (rows left
// by a crash or an outage). Several replicas may run it: rows are claimed with SKIP LOCKED.
import { PublishFailed, type EventBus } from '../bus/port';
import type { Db } from '../db/port';
import type { Envelope } from '../events/contracts';
import type { Logger } from '../logger';
import { outboxGauges, type Registry } from '../metrics';

export interface OutboxRelayOptions {
  db: Db;
  bus: EventBus;
  logger: Logger;
  registry?: Registry;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Sent rows (and inbox rows) older than this are deleted. Default 7 days. */
  retentionMs?: number;
}

interface OutboxRow {
  id: string;
  envelope: Envelope;
  headers: Record<string, string>;
}

export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionMs: number;
  private running = false;
  private pass: Promise<unknown> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    options.db.onEventsCommitted(() => this.wake());
    if (options.registry) outboxGauges(options.registry, () => this.backlog());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
    this.pruneTimer = setInterval(() => { this.prune().catch((error) => this.options.logger.warn({ err: error }, 'outbox prune failed')); }, 3600_000);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    clearInterval(this.pruneTimer);
    await this.pass;
  }

  /** Ask for a pass now; a pass in progress runs once more when it ends. */
  wake(): void {
    if (!this.running) return;
    if (this.pass) { this.again = true; return; }
    clearTimeout(this.timer);
    this.pass = this.drain().finally(() => {
      this.pass = undefined;
      if (!this.running) return;
      if (this.again) { this.again = false; this.wake(); return; }
      const delay = this.failures ? Math.min(30_000, this.pollIntervalMs * 2 ** this.failures) : this.pollIntervalMs;
      this.timer = setTimeout(() => this.wake(), delay);
      this.timer.unref();
    });
  }

  /**
   * Sends batches until none is left. Returns the number of events sent. A short batch ends the
   * pass without one more (empty) query: rows committed meanwhile woke the relay (`again`), and
   * rows of other processes are the poll's.
   */
  async drain(): Promise<number> {
    let total = 0;
    try {
      let sent: number;
      do {
        sent = await this.sendBatch();
        total += sent;
      } while (sent === this.batchSize && this.running);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.logger.warn({ err: error, failures: this.failures }, 'outbox relay could not publish; will retry');
    }
    return total;
  }

  /**
   * One batch in one transaction: claim, publish with confirms, mark sent. Rows the broker did not
   * take (e.g. unroutable) stay pending and the others are marked sent: one bad row never holds
   * back its batch. A batch with nothing confirmed throws, so the relay backs off.
   */
  async sendBatch(): Promise<number> {
    let failure: PublishFailed | undefined;
    const sent = await this.options.db.transaction(async (tx) => {
      const rows = await tx.query<OutboxRow>(
        'SELECT id, envelope, headers FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED',
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      let confirmed = rows.map((row) => row.id);
      try {
        await this.options.bus.publish(rows.map((row) => ({ envelope: row.envelope, headers: row.headers })));
      } catch (error) {
        if (!(error instanceof PublishFailed)) throw error;
        failure = error;
        const taken = new Set(error.confirmed);
        confirmed = rows.filter((row) => taken.has(row.envelope.id)).map((row) => row.id);
      }
      if (confirmed.length) {
        // A "sent" mark lost in a database crash only resends the rows (the inbox absorbs them):
        // no need to wait for this commit's WAL flush.
        await tx.query('SET LOCAL synchronous_commit TO OFF');
        await tx.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])', [confirmed]);
      }
      return confirmed.length;
    });
    if (failure) {
      for (const { id, error } of failure.failures.slice(0, 5)) this.options.logger.warn({ eventId: id, error }, 'outbox row not published; it stays pending');
      if (sent === 0) throw failure;
    }
    // A partial batch ends the pass (the failed rows wait for the next poll, with backoff).
    return failure ? 0 : sent;
  }

  async backlog(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const [row] = await this.options.db.query<{ backlog: number; oldest: number | null }>(
      'SELECT count(*)::int AS backlog, extract(epoch FROM now() - min(created_at))::float8 AS oldest FROM outbox WHERE sent_at IS NULL',
    );
    return { backlog: row.backlog, oldestAgeSeconds: row.oldest ?? 0 };
  }

  async prune(): Promise<void> {
    // Fractional seconds: a retention below one second (tests) means what it says.
    const seconds = this.retentionMs / 1000;
    await this.options.db.query("DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)", [seconds]);
    await this.options.db.query("DELETE FROM inbox WHERE handled_at < now() - make_interval(secs => $1)", [seconds]);
  }
}
