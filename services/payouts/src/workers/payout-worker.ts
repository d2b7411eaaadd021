// The payout worker: makes the provider calls in payout_jobs (transfers, reversals) outside any
// transaction, on the kernel's leased job worker, as payments' refund worker does its refunds
// (leases shared by replicas; a provider that is away is a wait, retried for as long as it takes).
import { LeasedJobWorker, type LeasedJobWorkerOptions, type Logger } from '@ticketing/common';
import { claimDueJobs, postponeJob, type ClaimedJob } from '../db/payout-jobs.repository';
import { runPayoutJob, type PayOutDeps } from '../workflows/pay-out';

export type PayoutWorkerOptions = LeasedJobWorkerOptions;
export type PayoutWorker = LeasedJobWorker<ClaimedJob>;

export function createPayoutWorker(deps: PayOutDeps & { logger?: Logger }, options: PayoutWorkerOptions = {}): PayoutWorker {
  return new LeasedJobWorker<ClaimedJob>({
    name: 'payout',
    claim: (limit, leaseMs) => claimDueJobs(deps.db, limit, leaseMs),
    run: (job) => runPayoutJob(deps, job),
    postpone: (job, delayMs, error) => postponeJob(deps.db, job, delayMs, error),
    describe: (job) => ({ orderId: job.orderId, kind: job.kind }),
  }, { ...options, logger: deps.logger });
}
