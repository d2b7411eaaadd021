import type { Order } from '@/lib/types';
import { orderStatusLabel, orderStatusTone } from '@/lib/order-status';

/** The seed's statuses stay visible in the API's vocabulary; the class only picks a colour. */
export function StatusBadge({ order }: { order: Pick<Order, 'status' | 'cancelReason'> }) {
  return <span className={`badge badge-${orderStatusTone(order.status)}`}>{orderStatusLabel(order)}</span>;
}
