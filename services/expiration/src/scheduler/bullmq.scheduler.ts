// Scheduler adapter for infra mode: one BullMQ delayed job per order on Redis. The job id is the
// order id, so scheduling twice keeps the first job; a worker fires due jobs, retrying a failing
// onDue with capped exponential backoff; completed jobs are removed.
//
// A worker that dies while holding a job (kill -9, OOM, a lost node) leaves it "stalled": another
// worker takes it back once its lock runs out. BullMQ fails a job for good after maxStalledCount
// such recoveries (default 1), which would leave the order unexpired and its ticket held for ever,
// so stalls are never counted against a job here. A job re-run after its worker died may already
// have committed its event: onDue is idempotent per order (domain/expire-order.ts).
//
// Given the service's database, schedule() inside a transaction (the order:created consumer) does
// not call Redis while that transaction is open: it records the expiry in bullmq_handoff, and a
// pump adds the job after the commit (bullmq-handoff.ts).
import { Queue, Worker, type Job } from 'bullmq';
import { retryDelayMs, silentLogger, type Db, type Logger, type RetryPolicy, type Tx } from '@ticketing/common';
import { insertHandoff } from '../db/handoff.repository';
import { HandoffPump } from './bullmq-handoff';
import type { ExpiryScheduler, OnDue } from './scheduler.port';

export interface BullmqSchedulerOptions {
  redisUrl: string;
  /** The service's database (migrated): schedules made in its transactions go through bullmq_handoff. */
  db?: Db;
  /** Tests use a unique name and obliterate the queue afterwards. */
  queueName?: string;
  /**
   * Jobs fired at once (default 200). Each job holds its slot until its event commits, so a burst
   * of 2,000 simultaneous expiries needs hundreds in flight to stay under a second late
   * (bench/expiry.ts; at 50 the commits queue up behind the slots).
   */
  concurrency?: number;
  /** Attempts of a failing onDue before the job is parked in the failed set (kept, logged). */
  retry?: RetryPolicy;
  /** How long a worker's hold on a job lasts without renewal (BullMQ's lockDuration, default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose holder died (BullMQ's stalledInterval, default 30 s). */
  stalledIntervalMs?: number;
  logger?: Logger;
}

interface ExpiryJobData {
  orderId: string;
}

const BACKOFF_TYPE = 'capped-exponential';
export const defaultExpiryRetry: RetryPolicy = { maxAttempts: 100, baseDelayMs: 200, maxDelayMs: 30_000 };
/** Recoveries of a job whose worker died before BullMQ fails it: none, an expiry must always fire. */
const UNLIMITED_STALLS = Number.MAX_SAFE_INTEGER;

/** BullMQ job ids may not contain ':' nor be integer strings. */
export function expiryJobId(orderId: string): string {
  return `order-${orderId}`;
}

export class BullmqScheduler implements ExpiryScheduler {
  readonly kind = 'bullmq';
  private readonly queueName: string;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private queue: Queue<ExpiryJobData> | undefined;
  private worker: Worker<ExpiryJobData> | undefined;
  private readonly handoff: HandoffPump | undefined;
  private stopped = false;

  constructor(private readonly options: BullmqSchedulerOptions) {
    this.queueName = options.queueName ?? 'expiration';
    this.retry = options.retry ?? defaultExpiryRetry;
    this.logger = options.logger ?? silentLogger();
    this.handoff = options.db
      ? new HandoffPump({ db: options.db, logger: this.logger, add: ({ orderId, fireAt }) => this.addJob(orderId, fireAt) })
      : undefined;
  }

  async schedule(orderId: string, fireAt: Date, tx?: Tx): Promise<void> {
    if (tx && this.handoff) {
      await insertHandoff(tx, orderId, fireAt);
      this.handoff.nudge();
      return;
    }
    await this.addJob(orderId, fireAt);
  }

  private async addJob(orderId: string, fireAt: Date): Promise<void> {
    const delay = Math.max(0, fireAt.getTime() - Date.now());
    await this.openQueue().add('expire', { orderId }, {
      jobId: expiryJobId(orderId),
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
    this.worker = new Worker<ExpiryJobData>(this.queueName, (job) => this.fire(job, onDue), {
      // BullMQ owns (and closes) the connections it makes from these options.
      connection: { url: this.options.redisUrl },
      concurrency: this.options.concurrency ?? 200,
      maxStalledCount: UNLIMITED_STALLS,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(this.retry, attemptsMade) },
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'expiry worker error'));
    this.worker.on('failed', (job, error) => {
      const exhausted = job !== undefined && job.attemptsMade >= this.retry.maxAttempts;
      this.logger[exhausted ? 'error' : 'warn']({ err: error, jobId: job?.id, attempt: job?.attemptsMade }, exhausted ? 'expiry gave up' : 'expiry failed, will retry');
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

  private async fire(job: Job<ExpiryJobData>, onDue: OnDue): Promise<void> {
    await onDue(job.data.orderId, undefined, new Date(job.timestamp + (job.opts.delay ?? 0)));
  }

  private openQueue(): Queue<ExpiryJobData> {
    if (this.stopped) throw new Error('scheduler stopped');
    if (!this.queue) {
      this.queue = new Queue<ExpiryJobData>(this.queueName, { connection: { url: this.options.redisUrl } });
      this.queue.on('error', (error) => this.logger.warn({ err: error }, 'expiry queue error'));
    }
    return this.queue;
  }
}
