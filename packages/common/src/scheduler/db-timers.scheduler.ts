// Scheduler adapter for embedded mode: durable timers in the service's own database. A loop sleeps
// until the earliest timer (or a newly scheduled earlier one, or at most maxSleepMs), then claims
// due timers and runs onDue in the same transaction: the timer's deletion and what onDue writes
// (its outbox event) commit together, so a timer fires exactly once and survives a restart.
import type { Db, Tx } from '../db/port';
import { retryDelayMs } from '../bus/port';
import { silentLogger, type Logger } from '../logger';
import type { OnDue, Scheduler } from './scheduler.port';
import { TimerTable, type TimerTableOptions } from './timer-table';

const OVERDUE_RECHECK_MS = 10;

export interface DbTimersSchedulerOptions {
  db: Db;
  /** The service's timers table (created by its migrations; columns in scheduler.port.ts). */
  table: TimerTableOptions;
  logger?: Logger;
  /** Timers claimed per transaction. */
  batchSize?: number;
  /** Longest sleep between looks at the table (bounds the delay for timers added by other processes). */
  maxSleepMs?: number;
  /** Backoff after a failed pass (database down, onDue threw): doubles from base up to max. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
}

export class DbTimersScheduler implements Scheduler {
  readonly kind = 'db';
  private readonly db: Db;
  private readonly timers: TimerTable;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly maxSleepMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  /** Earliest fire time scheduled by this process that the loop may not have seen yet. */
  private hint: number | undefined;
  private sleepingUntil: number | undefined;
  private endSleep: (() => void) | undefined;
  private wokenWhileAwake = false;

  constructor(private readonly options: DbTimersSchedulerOptions) {
    this.db = options.db;
    this.timers = new TimerTable(options.table);
    this.logger = options.logger ?? silentLogger();
    this.batchSize = options.batchSize ?? 500;
    this.maxSleepMs = options.maxSleepMs ?? 1000;
  }

  async schedule(key: string, fireAt: Date, tx?: Tx): Promise<void> {
    await this.timers.insert(tx ?? this.db, key, fireAt);
    this.nudge(fireAt.getTime());
  }

  async start(onDue: OnDue): Promise<void> {
    if (this.running) throw new Error('scheduler already started');
    this.running = true;
    this.loop = this.run(onDue);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  private async run(onDue: OnDue): Promise<void> {
    let failures = 0;
    while (this.running) {
      let waitMs: number;
      try {
        const passStartedAt = Date.now();
        const fired = await this.firePass(onDue);
        failures = 0;
        if (fired === this.batchSize) continue; // more may be due right now
        if (this.hint !== undefined && this.hint <= passStartedAt) this.hint = undefined;
        waitMs = await this.msUntilNextLook();
      } catch (error) {
        failures++;
        waitMs = retryDelayMs({ maxAttempts: Infinity, baseDelayMs: this.options.retryBaseDelayMs ?? 200, maxDelayMs: this.options.retryMaxDelayMs ?? 5000 }, failures);
        this.logger.warn({ err: error, failures, retryInMs: waitMs, table: this.options.table.table }, 'timers pass failed');
      }
      if (this.running) await this.sleep(waitMs);
    }
  }

  /** Claims due timers and fires them in one transaction (a failing onDue puts them all back). */
  private firePass(onDue: OnDue): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due = await this.timers.claimDue(tx, this.batchSize);
      for (const { key, fireAt } of due) await onDue(key, tx, fireAt);
      return due.length;
    });
  }

  private async msUntilNextLook(): Promise<number> {
    const next = (await this.timers.nextFireAt(this.db))?.getTime() ?? Infinity;
    const target = Math.min(next, this.hint ?? Infinity, Date.now() + this.maxSleepMs);
    // Overdue but not claimed: another replica holds those rows; look again shortly, not in a spin.
    return Math.max(target - Date.now(), OVERDUE_RECHECK_MS);
  }

  /** A timer was added: look earlier if it is due before the loop would otherwise look. */
  private nudge(fireAt: number): void {
    this.hint = Math.min(this.hint ?? Infinity, fireAt);
    if (this.sleepingUntil === undefined || fireAt < this.sleepingUntil) this.wake();
  }

  private wake(): void {
    if (this.endSleep) this.endSleep();
    else this.wokenWhileAwake = true; // mid-pass: look again before sleeping
  }

  private sleep(ms: number): Promise<void> {
    if (this.wokenWhileAwake) {
      this.wokenWhileAwake = false;
      return Promise.resolve();
    }
    this.sleepingUntil = Date.now() + ms;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.endSleep?.(), Math.max(1, ms));
      this.endSleep = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        this.sleepingUntil = undefined;
        resolve();
      };
    });
  }
}
