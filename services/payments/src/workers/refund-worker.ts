// The refund worker: performs the refunds in refunds_due, outside any transaction. A pass claims
// what is due (every pollMs, or soon after nudge()) and starts each refund without waiting for the
// others, up to maxInFlight at once, so one slow refund holds up no other. A refund that fails is retried with capped
// exponential backoff for as long as it takes: a provider that is away is a wait, never a reason
// to give up on money we owe (events.md, "waiting is not failing"); a final provider answer is
// logged as an error and retried at the longest delay, so an operator's fix (a key, an account)
// is picked up without a restart. Replicas share the table: a claim is a lease (SKIP LOCKED).
import { retryDelayMs, silentLogger, WaitingError, WakeableSleep, type Logger, type RetryPolicy } from '@ticketing/common';
import { claimDueRefunds, postponeRefund, type ClaimedRefund } from '../db/refunds-due.repository';
import { refundDuePayment, type RefundDeps } from '../workflows/refund-payment';

export interface RefundWorkerOptions {
  /** Longest sleep between passes (the backstop for refunds due recorded by other replicas). Default 1 s. */
  pollMs?: number;
  /** Refunds in progress at once. Default 20. */
  maxInFlight?: number;
  /**
   * How long a claim keeps other workers off a refund: longer than its worst case (a charge and a
   * refund, each the SDK's timeout × attempts), so only a dead worker's claim runs out. Default 120 s.
   */
  leaseMs?: number;
  /** Delay after a failed attempt: doubles from base up to max. Default 1 s … 60 s. */
  retry?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
}

/** A nudge comes from inside the transaction that records the refund due: look just after it commits. */
const NUDGE_DELAY_MS = 50;

export class RefundWorker {
  private readonly logger: Logger;
  private readonly pollMs: number;
  private readonly maxInFlight: number;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly pause = new WakeableSleep();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: RefundDeps & { logger?: Logger }, options: RefundWorkerOptions = {}) {
    this.logger = deps.logger ?? silentLogger();
    this.pollMs = options.pollMs ?? 1_000;
    this.maxInFlight = options.maxInFlight ?? 20;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.retry = { maxAttempts: Infinity, baseDelayMs: options.retry?.baseDelayMs ?? 1_000, maxDelayMs: options.retry?.maxDelayMs ?? 60_000 };
  }

  start(): void {
    if (this.running) throw new Error('refund worker already started');
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking refunds and waits for those in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.pause.wake();
    await this.loop;
    await Promise.all(this.inFlight);
    this.loop = undefined;
  }

  /** A refund was just recorded as due: look soon instead of at the next poll. */
  nudge(): void {
    setTimeout(() => this.pause.wake(), NUDGE_DELAY_MS).unref();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.pass();
      } catch (error) {
        this.logger.warn({ err: error }, 'refund pass failed (database unavailable?)');
      }
      if (this.running) await this.pause.sleep(this.pollMs);
    }
  }

  /** Claims what is due (as many as there are free slots) and starts each refund. */
  private async pass(): Promise<void> {
    const free = this.maxInFlight - this.inFlight.size;
    if (free <= 0) return;
    for (const refund of await claimDueRefunds(this.deps.db, free, this.leaseMs)) {
      const running: Promise<void> = this.attempt(refund).finally(() => {
        this.inFlight.delete(running);
        this.pause.wake(); // a slot is free, and a failed refund may be due again soon
      });
      this.inFlight.add(running);
    }
  }

  private async attempt(refund: ClaimedRefund): Promise<void> {
    try {
      await refundDuePayment(this.deps, refund.paymentId);
    } catch (error) {
      const waiting = error instanceof WaitingError;
      const delayMs = waiting ? retryDelayMs(this.retry, refund.attempts) : this.retry.maxDelayMs;
      const context = { err: error, paymentId: refund.paymentId, attempt: refund.attempts, retryInMs: delayMs };
      if (waiting) this.logger.warn(context, 'refund waiting for the payment provider');
      else this.logger.error(context, 'refund failed; retried at the longest delay until it succeeds');
      // If this fails too (database away), the claim's lease runs out and a later pass retries.
      await postponeRefund(this.deps.db, refund.paymentId, delayMs, String((error as Error)?.message ?? error))
        .catch((postponeError: unknown) => this.logger.warn({ err: postponeError, paymentId: refund.paymentId }, 'could not postpone refund'));
    }
  }
}
