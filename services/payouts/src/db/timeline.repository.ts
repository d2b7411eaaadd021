// SQL for sale_timeline: what happened to a sale's money, in order, append-only.
import type { Queryable } from '@ticketing/common';

export interface TimelineStep {
  state: string;
  at: Date;
  why: string;
}

export async function appendTimeline(db: Queryable, orderId: string, step: TimelineStep): Promise<void> {
  await db.query('INSERT INTO sale_timeline (order_id, state, at, why) VALUES ($1, $2, $3, $4)',
    [orderId, step.state, step.at.toISOString(), step.why]);
}

/** Each order's steps, oldest first. */
export async function timelinesOf(db: Queryable, orderIds: string[]): Promise<Map<string, TimelineStep[]>> {
  const byOrder = new Map<string, TimelineStep[]>(orderIds.map((id) => [id, []]));
  if (!orderIds.length) return byOrder;
  const rows = await db.query<TimelineStep & { orderId: string }>(
    'SELECT order_id AS "orderId", state, at, why FROM sale_timeline WHERE order_id = ANY($1::uuid[]) ORDER BY id', [orderIds]);
  for (const { orderId, ...step } of rows) byOrder.get(orderId)?.push(step);
  return byOrder;
}
