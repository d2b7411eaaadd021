import type { OrderStatus } from '@/lib/types';

/** The raw status is kept visible (it is the API's vocabulary); the class only picks a colour. */
export function StatusBadge({ status }: { status: OrderStatus }) {
  const tone = status === 'complete' ? 'ok' : status === 'cancelled' ? 'muted' : 'pending';
  return <span className={`badge badge-${tone}`}>{status}</span>;
}
