import type { Order } from '@/lib/types';
import { StatusBadge } from './StatusBadge';

function messageFor(order: Pick<Order, 'status' | 'cancelReason'>): string | undefined {
  const byEvent = order.cancelReason === 'event-cancelled';
  switch (order.status) {
    case 'complete':
      return 'This order is paid. Enjoy the event!';
    case 'refunded':
      return byEvent
        ? 'The event was cancelled, so your payment is being refunded in full to your card.'
        : 'Your payment is being refunded in full to your card.';
    case 'cancelled':
      return byEvent
        ? 'The event was cancelled, so this order was cancelled; anything charged for it is refunded.'
        : 'This order was cancelled, so the ticket is back on sale.';
    default:
      return undefined;
  }
}

/** What a paid, refunded or cancelled order shows in place of the payment form. */
export function OrderStatusNotice({ order }: { order: Pick<Order, 'status' | 'cancelReason'> }) {
  return (
    <div className="notice">
      <p>
        Status: <StatusBadge order={order} />
      </p>
      <p>{messageFor(order)}</p>
    </div>
  );
}
