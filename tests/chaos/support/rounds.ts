// The steps both chaos suites share: a pool of tickets known to orders, a workload around a
// disruption, and the verdict (answers, then convergence) with figures for the test log.
import { expect } from 'vitest';
import type { InfraStack } from '../../../bench/support/infra-stack';
import { auditStack } from '../../../bench/support/money-audit';
import { waitForOrdersReplica } from '../../../bench/support/seed';
import { awaitConvergence } from './convergence';
import { listTickets, newClient, startWorkload, type WorkloadReport } from './workload';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Convergence after the workload, bounded (the outbox relay backs off up to 30 s while the broker is away). */
const CONVERGENCE_MS = 60_000;

export async function ticketPool(stack: InfraStack, sellers: number, perSeller: number): Promise<string[]> {
  const ids = await listTickets(stack, newClient(stack), sellers, perSeller);
  expect(ids).toHaveLength(sellers * perSeller);
  await waitForOrdersReplica(stack, ids, 30_000);
  return ids;
}

/** Runs the workload around `disrupt` (which must restore what it breaks, even when it throws). */
export async function workloadAround(stack: InfraStack, tickets: string[], disrupt: () => Promise<void>): Promise<WorkloadReport> {
  const workload = startWorkload(stack, { buyers: 4, pauseMs: 500, initialTickets: tickets });
  const disrupted = await disrupt().then(() => undefined, (error: unknown) => ({ error }));
  const report = await workload.stop();
  console.log(JSON.stringify(report.summary()));
  if (disrupted) throw disrupted.error;
  return report;
}

/** The workload did real work, nobody got a 500 or a leaking error, and every replica converged. */
export async function expectConverged(stack: InfraStack, report: WorkloadReport, label: string): Promise<void> {
  const summary = report.summary();
  expect(summary['POST /api/orders']?.[201] ?? 0, 'orders created').toBeGreaterThan(20);
  expect(summary['POST /api/payments']?.[201] ?? 0, 'payments made').toBeGreaterThan(5);
  expect(summary['DELETE /api/orders/:id']?.[204] ?? 0, 'orders cancelled').toBeGreaterThan(5);
  expect(report.violations().slice(0, 5), 'answers that break api.md').toEqual([]);
  const { remaining, seconds } = await awaitConvergence(stack, CONVERGENCE_MS);
  console.log(`${label}: ${remaining.length === 0 ? `converged in ${seconds} s` : `NOT converged after ${seconds} s`}`);
  expect(remaining.slice(0, 20), `divergences after ${seconds} s:\n${stack.recentOutput().slice(-3000)}`).toEqual([]);
  // R10: every cent accounted for once the stack has settled.
  const audit = await auditStack(stack);
  console.log(`${label}: ${audit.text}`);
  expect(audit.findings.slice(0, 20), audit.text).toEqual([]);
}
