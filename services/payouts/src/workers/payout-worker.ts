// The payout worker: makes the provider calls in payout_jobs (transfers, reversals) outside any
// transaction, as payments' refund worker does its refunds. A pass claims what is due (every
// pollMs, or soon after nudge()) and starts each call without waiting for the others, up to
// maxInFlight at once. A call that fails is retried with capped exponential backoff for as long as
// it takes: a provider that is away is a wait, never a reason to drop money owed (events.md); a
// final answer is logged as an error and retried at the longest delay, so an operator's fix is
// picked up without a restart. Replicas share the table: a claim is a lease (SKIP LOCKED).
import { retryDelayMs, silentLogger, WaitingError, WakeableSleep, type Logger, type RetryPolicy } from '@ticketing/common';
import { claimDueJobs, postponeJob, type ClaimedJob } from '../db/payout-jobs.repository';
import { runPayoutJob, type PayOutDeps } from '../workflows/pay-out';

export interface PayoutWorkerOptions {
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

export class PayoutWorker {
  private readonly logger: Logger;
  private readonly pollMs: number;
  private readonly maxInFlight: number;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly pause = new WakeableSleep();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: PayOutDeps & { logger?: Logger }, options: PayoutWorkerOptions = {}) {
    this.logger = deps.logger ?? silentLogger();
    this.pollMs = options.pollMs ?? 1_000;
    this.maxInFlight = options.maxInFlight ?? 20;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.retry = { maxAttempts: Infinity, baseDelayMs: options.retry?.baseDelayMs ?? 1_000, maxDelayMs: options.retry?.maxDelayMs ?? 60_000 };
  }

  start(): void {
    if (this.running) throw new Error('payout worker already started');
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
        this.logger.warn({ err: error }, 'payout pass failed (database unavailable?)');
      }
      if (this.running) await this.pause.sleep(this.pollMs);
    }
  }

  private async pass(): Promise<void> {
    const free = this.maxInFlight - this.inFlight.size;
    if (free <= 0) return;
    for (const job of await claimDueJobs(this.deps.db, free, this.leaseMs)) {
      const running: Promise<void> = this.attempt(job).finally(() => {
        this.inFlight.delete(running);
        this.pause.wake();
      });
      this.inFlight.add(running);
    }
  }

  private async attempt(job: ClaimedJob): Promise<void> {
    try {
      await runPayoutJob(this.deps, job);
    } catch (error) {
      const waiting = error instanceof WaitingError;
      const delayMs = waiting ? retryDelayMs(this.retry, job.attempts) : this.retry.maxDelayMs;
      const context = { err: error, orderId: job.orderId, kind: job.kind, attempt: job.attempts, retryInMs: delayMs };
      if (waiting) this.logger.warn(context, 'payout waiting for the payment provider');
      else this.logger.error(context, 'payout failed; retried at the longest delay until it succeeds');
      await postponeJob(this.deps.db, job, delayMs, String((error as Error)?.message ?? error))
        .catch((postponeError: unknown) => this.logger.warn({ err: postponeError, orderId: job.orderId }, 'could not postpone payout'));
    }
  }
}
