// The refund worker: performs the refunds in refunds_due, outside any transaction, on the kernel's
// leased job worker (claimed as leases shared by replicas, retried with backoff for as long as it
// takes: a provider that is away is a wait, never a reason to give up on money we owe).
import { LeasedJobWorker, type LeasedJobWorkerOptions, type Logger } from '@ticketing/common';
import { claimDueRefunds, postponeRefund, type ClaimedRefund } from '../db/refunds-due.repository';
import { refundDuePayment, type RefundDeps } from '../workflows/refund-payment';

/**
 * leaseMs must outlast a refund's worst case (a charge and a refund, each the SDK's timeout ×
 * attempts), so only a dead worker's claim runs out.
 */
export type RefundWorkerOptions = LeasedJobWorkerOptions;
export type RefundWorker = LeasedJobWorker<ClaimedRefund>;

export function createRefundWorker(deps: RefundDeps & { logger?: Logger }, options: RefundWorkerOptions = {}): RefundWorker {
  return new LeasedJobWorker<ClaimedRefund>({
    name: 'refund',
    claim: (limit, leaseMs) => claimDueRefunds(deps.db, limit, leaseMs),
    run: (refund) => refundDuePayment(deps, refund.paymentId),
    postpone: (refund, delayMs, error) => postponeRefund(deps.db, refund.paymentId, delayMs, error),
    describe: (refund) => ({ paymentId: refund.paymentId }),
  }, { ...options, logger: deps.logger });
}
