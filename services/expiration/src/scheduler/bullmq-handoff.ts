// Moves expiries that a transaction recorded (bullmq_handoff) into BullMQ, with no transaction
// open while Redis is called: a slow or absent Redis then holds up neither the database (in
// embedded-style single-writer setups, every service) nor the consumer's event. A row is deleted
// only after its job is added, so a crash in between adds it again, which is harmless: the job id
// is the order's, and an expiry that fires twice publishes once (fired_expiries).
import { retryDelayMs, WakeableSleep, type Db, type Logger } from '@ticketing/common';
import { deleteHandoffs, pendingHandoffs, type Handoff } from '../db/handoff.repository';

export interface HandoffPumpOptions {
  db: Db;
  add: (handoff: Handoff) => Promise<void>;
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
        this.options.logger.warn({ err: error, failures, retryInMs: waitMs }, 'expiry hand-off to BullMQ failed (Redis unavailable?)');
      }
      if (this.running) await this.pause.sleep(waitMs);
    }
  }

  private async pass(batchSize: number): Promise<number> {
    const handoffs = await pendingHandoffs(this.options.db, batchSize);
    if (handoffs.length === 0) return 0;
    await Promise.all(handoffs.map((handoff) => this.options.add(handoff)));
    await deleteHandoffs(this.options.db, handoffs.map((handoff) => handoff.orderId));
    return handoffs.length;
  }
}
