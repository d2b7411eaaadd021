import type { OrderStatus } from '@/lib/types';
import { StatusBadge } from './StatusBadge';

const messages: Partial<Record<OrderStatus, string>> = {
  complete: 'This order is paid. Enjoy the event!',
  cancelled: 'This order was cancelled, so the ticket is back on sale.',
};

/** What a paid or cancelled order shows in place of the payment form. */
export function OrderStatusNotice({ status }: { status: OrderStatus }) {
  return (
    <div className="notice">
      <p>
        Status: <StatusBadge status={status} />
      </p>
      <p>{messages[status]}</p>
    </div>
  );
}
