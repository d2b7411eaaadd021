// Scheduler adapter for infra mode: one BullMQ delayed job per key on Redis. The job id is made
// from the key, so scheduling twice keeps the first job; a worker fires due jobs, retrying a
// failing onDue with capped exponential backoff; completed jobs are removed.
//
// A worker that dies while holding a job (kill -9, OOM, a lost node) leaves it "stalled": another
// worker takes it back once its lock runs out. BullMQ fails a job for good after maxStalledCount
// such recoveries (default 1), which would leave the timer unfired for ever, so stalls are never
// counted against a job here. A job re-run after its worker died may already have committed its
// effect: onDue must be idempotent per key (scheduler.port.ts).
//
// Given the service's database (handoff), schedule() inside a transaction does not call Redis
// while that transaction is open: it records the timer in the hand-off table, and a pump adds the
// job after the commit (bullmq-handoff.ts).
import { Queue, Worker, type Job } from 'bullmq';
import type { Db, Tx } from '../db/port';
import { retryDelayMs, type RetryPolicy } from '../bus/port';
import { silentLogger, type Logger } from '../logger';
import { HandoffPump } from './bullmq-handoff';
import type { OnDue, Scheduler } from './scheduler.port';
import { TimerTable, type TimerTableOptions } from './timer-table';

export interface BullmqSchedulerOptions {
  redisUrl: string;
  /** The BullMQ queue (one per kind of timer; tests use a unique name and obliterate it). */
  queueName: string;
  /** Prefix of the queue's Redis keys (BullMQ's `prefix`, default "bull"). */
  prefix?: string;
  /** The service's database (migrated) and its hand-off table: schedules made in its transactions go through it. */
  handoff?: { db: Db; table: TimerTableOptions };
  /** Job ids are `<jobIdPrefix>-<key>` (BullMQ rejects integer-like ids). Default "timer". */
  jobIdPrefix?: string;
  /** The jobs' name. Default "fire". */
  jobName?: string;
  /** The field of a job's data holding its key. Default "key". */
  dataKey?: string;
  /** Jobs fired at once (default 50). Each job holds its slot until onDue returns. */
  concurrency?: number;
  /** Attempts of a failing onDue before the job is parked in the failed set (kept, logged). */
  retry?: RetryPolicy;
  /** How long a worker's hold on a job lasts without renewal (BullMQ's lockDuration, default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose holder died (BullMQ's stalledInterval, default 30 s). */
  stalledIntervalMs?: number;
  logger?: Logger;
}

type TimerJobData = Record<string, string>;

const BACKOFF_TYPE = 'capped-exponential';
/** About 50 minutes of retries (30 s apart at most) before a timer's job is parked as failed. */
export const defaultTimerRetry: RetryPolicy = { maxAttempts: 100, baseDelayMs: 200, maxDelayMs: 30_000 };
/** Recoveries of a job whose worker died before BullMQ fails it: none, a timer must always fire. */
const UNLIMITED_STALLS = Number.MAX_SAFE_INTEGER;

/** BullMQ job ids may not contain ':' nor be integer strings: a prefix and an encoded key (a uuid is unchanged). */
export function timerJobId(jobIdPrefix: string, key: string): string {
  return `${jobIdPrefix}-${encodeURIComponent(key)}`;
}

export class BullmqScheduler implements Scheduler {
  readonly kind = 'bullmq';
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly jobIdPrefix: string;
  private readonly dataKey: string;
  private queue: Queue<TimerJobData> | undefined;
  private worker: Worker<TimerJobData> | undefined;
  private readonly handoffTable: TimerTable | undefined;
  private readonly handoff: HandoffPump | undefined;
  private stopped = false;

  constructor(private readonly options: BullmqSchedulerOptions) {
    this.retry = options.retry ?? defaultTimerRetry;
    this.logger = options.logger ?? silentLogger();
    this.jobIdPrefix = options.jobIdPrefix ?? 'timer';
    this.dataKey = options.dataKey ?? 'key';
    if (options.handoff) {
      const table = new TimerTable(options.handoff.table);
      this.handoffTable = table;
      this.handoff = new HandoffPump({ db: options.handoff.db, table, logger: this.logger, add: ({ key, fireAt }) => this.addJob(key, fireAt) });
    }
  }

  /** The id of the key's job (tests and tools look jobs up by it). */
  jobId(key: string): string {
    return timerJobId(this.jobIdPrefix, key);
  }

  async schedule(key: string, fireAt: Date, tx?: Tx): Promise<void> {
    if (tx && this.handoff && this.handoffTable) {
      await this.handoffTable.insert(tx, key, fireAt);
      this.handoff.nudge();
      return;
    }
    await this.addJob(key, fireAt);
  }

  private async addJob(key: string, fireAt: Date): Promise<void> {
    const delay = Math.max(0, fireAt.getTime() - Date.now());
    await this.openQueue().add(this.options.jobName ?? 'fire', { [this.dataKey]: key }, {
      jobId: this.jobId(key),
      delay,
      attempts: this.retry.maxAttempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: true,
      removeOnFail: false,
    });
  }

  async start(onDue: OnDue): Promise<void> {
    if (this.worker) throw new Error('scheduler already started');
    this.openQueue();
    const queue = this.options.queueName;
    this.worker = new Worker<TimerJobData>(queue, (job) => this.fire(job, onDue), {
      // BullMQ owns (and closes) the connections it makes from these options.
      connection: { url: this.options.redisUrl },
      prefix: this.options.prefix,
      concurrency: this.options.concurrency ?? 50,
      maxStalledCount: UNLIMITED_STALLS,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(this.retry, attemptsMade) },
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error, queue }, 'timer worker error'));
    this.worker.on('failed', (job, error) => {
      const exhausted = job !== undefined && job.attemptsMade >= this.retry.maxAttempts;
      this.logger[exhausted ? 'error' : 'warn']({ err: error, queue, jobId: job?.id, attempt: job?.attemptsMade }, exhausted ? 'timer gave up' : 'timer failed, will retry');
    });
    this.handoff?.start();
    await this.worker.waitUntilReady();
  }

  async stop(): Promise<void> {
    await this.handoff?.stop();
    this.stopped = true;
    await this.worker?.close();
    await this.queue?.close();
    this.worker = undefined;
    this.queue = undefined;
  }

  private async fire(job: Job<TimerJobData>, onDue: OnDue): Promise<void> {
    const key = job.data[this.dataKey];
    if (key === undefined) throw new Error(`job ${job.id} has no ${this.dataKey}`);
    await onDue(key, undefined, new Date(job.timestamp + (job.opts.delay ?? 0)));
  }

  private openQueue(): Queue<TimerJobData> {
    if (this.stopped) throw new Error('scheduler stopped');
    if (!this.queue) {
      this.queue = new Queue<TimerJobData>(this.options.queueName, { connection: { url: this.options.redisUrl }, prefix: this.options.prefix });
      this.queue.on('error', (error) => this.logger.warn({ err: error, queue: this.options.queueName }, 'timer queue error'));
    }
    return this.queue;
  }
}
