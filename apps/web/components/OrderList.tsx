import Link from 'next/link';
import type { Order } from '@/lib/types';
import { formatPrice } from '@/lib/format';
import { StatusBadge } from './StatusBadge';

export function OrderList({ orders }: { orders: Order[] }) {
  return (
    <ul className="card-list">
      {orders.map((order) => (
        <li key={order.id} className="card order-card">
          <Link href={`/orders/${order.id}`} className="ticket-title">
            {order.ticket.title}
          </Link>
          <span className="order-meta">
            <span className="price">{formatPrice(order.ticket.price)}</span>
            <StatusBadge order={order} />
          </span>
        </li>
      ))}
    </ul>
  );
}
