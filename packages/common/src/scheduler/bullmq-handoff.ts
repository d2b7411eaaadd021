// Moves timers that a transaction recorded in the hand-off table into BullMQ, with no transaction
// open while Redis is called: a slow or absent Redis then holds up neither the database (in
// embedded-style single-writer setups, every service) nor the consumer's event. A row is deleted
// only after its job is added, so a crash in between adds it again, which is harmless: the job id
// is the key's, and BullMQ keeps the first job of an id.
import type { Db } from '../db/port';
import { retryDelayMs } from '../bus/port';
import type { Logger } from '../logger';
import { WakeableSleep } from '../messaging/wakeable-sleep';
import type { DueTimer, TimerTable } from './timer-table';

export interface HandoffPumpOptions {
  db: Db;
  table: TimerTable;
  add: (timer: DueTimer) => Promise<void>;
  logger: Logger;
  /** Longest sleep between looks at the table (rows written by other replicas). Default 250 ms. */
  pollMs?: number;
  batchSize?: number;
}

/** The nudge comes from inside the writing transaction: look just after it has committed. */
const NUDGE_DELAY_MS = 20;
const STOP_BOUND_MS = 5_000;

export class HandoffPump {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly pause = new WakeableSleep();

  constructor(private readonly options: HandoffPumpOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Waits for a pass in progress, but not for ever: an add to an unreachable Redis never returns. */
  async stop(): Promise<void> {
    this.running = false;
    this.pause.wake();
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => { bound = setTimeout(resolve, STOP_BOUND_MS); })]);
    clearTimeout(bound);
  }

  nudge(): void {
    setTimeout(() => this.pause.wake(), NUDGE_DELAY_MS).unref();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let failures = 0;
    while (this.running) {
      let waitMs = this.options.pollMs ?? 250;
      try {
        const moved = await this.pass(batchSize);
        failures = 0;
        if (moved === batchSize) continue;
      } catch (error) {
        failures++;
        waitMs = retryDelayMs({ maxAttempts: Infinity, baseDelayMs: 200, maxDelayMs: 5_000 }, failures);
        this.options.logger.warn({ err: error, failures, retryInMs: waitMs }, 'timer hand-off to BullMQ failed (Redis unavailable?)');
      }
      if (this.running) await this.pause.sleep(waitMs);
    }
  }

  private async pass(batchSize: number): Promise<number> {
    const timers = await this.options.table.pending(this.options.db, batchSize);
    if (timers.length === 0) return 0;
    await Promise.all(timers.map((timer) => this.options.add(timer)));
    await this.options.table.delete(this.options.db, timers.map((timer) => timer.key));
    return timers.length;
  }
}
