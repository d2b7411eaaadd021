// A worker for calls that must happen outside any transaction (a provider's refund, a transfer):
// jobs sit in a table of the service's own database; a pass claims what is due (every pollMs, or
// soon after nudge()) as a lease, so replicas share the table (SKIP LOCKED in the claim), and
// starts each call without waiting for the others, up to maxInFlight at once, so one slow call
// holds up no other. A call that fails is retried with capped exponential backoff for as long as
// it takes: a provider that is away is a wait, never a reason to drop money owed (events.md,
// "waiting is not failing"); any other failure is logged as an error and retried at the longest
// delay, so an operator's fix (a key, an account) is picked up without a restart. If postponing
// fails too (database away), the lease runs out and a later pass retries.
import { WaitingError } from '../bus/handler-errors';
import { retryDelayMs, type RetryPolicy } from '../bus/port';
import { silentLogger, type Logger } from '../logger';
import { WakeableSleep } from './wakeable-sleep';

export interface LeasedJob {
  /** Failed attempts so far (the backoff grows with it). */
  attempts: number;
}

/** The table's side: what a service provides for its own jobs. */
export interface LeasedJobs<Job extends LeasedJob> {
  /** What the jobs are, for logs ("refund", "payout"). */
  name: string;
  /** Claims up to `limit` due jobs, each for `leaseMs`. */
  claim(limit: number, leaseMs: number): Promise<Job[]>;
  /** Does the job's work; resolves once its outcome is recorded. */
  run(job: Job): Promise<void>;
  /** Records a failed attempt and when to try again. */
  postpone(job: Job, delayMs: number, error: string): Promise<void>;
  /** The job's identity, for logs. */
  describe(job: Job): Record<string, unknown>;
}

export interface LeasedJobWorkerOptions {
  /** Longest sleep between passes (the backstop for jobs recorded by other replicas). Default 1 s. */
  pollMs?: number;
  /** Calls in progress at once. Default 20. */
  maxInFlight?: number;
  /** How long a claim keeps other workers off a job: longer than a call's worst case. Default 120 s. */
  leaseMs?: number;
  /** Delay after a failed attempt: doubles from base up to max. Default 1 s … 60 s. */
  retry?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
}

/** A nudge comes from inside the transaction that records the job: look just after it commits. */
const NUDGE_DELAY_MS = 50;

export class LeasedJobWorker<Job extends LeasedJob> {
  private readonly logger: Logger;
  private readonly pollMs: number;
  private readonly maxInFlight: number;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly pause = new WakeableSleep();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly jobs: LeasedJobs<Job>, options: LeasedJobWorkerOptions & { logger?: Logger } = {}) {
    this.logger = options.logger ?? silentLogger();
    this.pollMs = options.pollMs ?? 1_000;
    this.maxInFlight = options.maxInFlight ?? 20;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.retry = { maxAttempts: Infinity, baseDelayMs: options.retry?.baseDelayMs ?? 1_000, maxDelayMs: options.retry?.maxDelayMs ?? 60_000 };
  }

  start(): void {
    if (this.running) throw new Error(`${this.jobs.name} worker already started`);
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking jobs and waits for those in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.pause.wake();
    await this.loop;
    await Promise.all(this.inFlight);
    this.loop = undefined;
  }

  /** A job was just recorded: look soon instead of at the next poll. */
  nudge(): void {
    setTimeout(() => this.pause.wake(), NUDGE_DELAY_MS).unref();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.pass();
      } catch (error) {
        this.logger.warn({ err: error }, `${this.jobs.name} pass failed (database unavailable?)`);
      }
      if (this.running) await this.pause.sleep(this.pollMs);
    }
  }

  /** Claims what is due (as many as there are free slots) and starts each job. */
  private async pass(): Promise<void> {
    const free = this.maxInFlight - this.inFlight.size;
    if (free <= 0) return;
    for (const job of await this.jobs.claim(free, this.leaseMs)) {
      const running: Promise<void> = this.attempt(job).finally(() => {
        this.inFlight.delete(running);
        this.pause.wake(); // a slot is free, and a failed job may be due again soon
      });
      this.inFlight.add(running);
    }
  }

  private async attempt(job: Job): Promise<void> {
    try {
      await this.jobs.run(job);
    } catch (error) {
      const waiting = error instanceof WaitingError;
      const delayMs = waiting ? retryDelayMs(this.retry, job.attempts) : this.retry.maxDelayMs;
      const context = { err: error, ...this.jobs.describe(job), attempt: job.attempts, retryInMs: delayMs };
      if (waiting) this.logger.warn(context, `${this.jobs.name} waiting for the payment provider`);
      else this.logger.error(context, `${this.jobs.name} failed; retried at the longest delay until it succeeds`);
      await this.jobs.postpone(job, delayMs, String((error as Error)?.message ?? error))
        .catch((postponeError: unknown) => this.logger.warn({ err: postponeError, ...this.jobs.describe(job) }, `could not postpone ${this.jobs.name}`));
    }
  }
}
