// HTTP load with autocannon, summarised the same way for the service and its baseline:
// throughput = answered requests / elapsed seconds, latency percentiles in ms, counts per status.
import autocannon, { type Options } from 'autocannon';

export interface LoadResult {
  requests: number;
  /** Requests written, answered or not: a run that ends on its duration drops those still in flight. */
  sent: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  statuses: Record<string, number>;
  errors: number;
}

export async function runLoad(options: Options): Promise<LoadResult> {
  const result = await autocannon({ timeout: 10, ...options });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, stat]) => [status, Number(stat.count)]));
  const requests = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    requests,
    sent: result.requests.sent,
    seconds: result.duration,
    perSecond: Math.round(requests / result.duration),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statuses,
    errors: result.errors,
  };
}

/** Requests that did not get the expected status, as "status×count" (empty when all did). */
export function unexpected(load: LoadResult, expected: number): string {
  const others = Object.entries(load.statuses).filter(([status]) => Number(status) !== expected).map(([status, count]) => `${status}×${count}`);
  if (load.errors > 0) others.push(`errors×${load.errors}`);
  return others.join(' ');
}
