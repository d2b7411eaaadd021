import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import type { Order, OrderMoney } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { formatPrice } from '@/lib/format';
import { OrderPayment } from '@/components/OrderPayment';
import { OrderStatusNotice } from '@/components/OrderStatusNotice';
import { LoadError } from '@/components/LoadError';
import { MoneyTimeline } from '@/components/MoneyTimeline';
import { OrderDelivery } from '@/components/OrderDelivery';
import { getCurrentUser } from '@/lib/current-user';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Order' };

const PAYABLE = new Set(['created', 'awaiting:payment']);
// Orders whose money was taken: payouts shows where it is (issue 16).
const CHARGED = new Set(['complete', 'refunded']);

export default async function OrderPage({ params }: PageProps<'/orders/[id]'>) {
  const { id } = await params;
  const result = await serverGet<Order>(`/api/orders/${encodeURIComponent(id)}`);
  if (result.kind === 'status') {
    if (result.status === 401) redirect('/auth/signin');
    // Someone else's order is "not found" to this visitor, so ids can't be probed.
    if (result.status === 404 || result.status === 403) notFound();
  }
  if (result.kind !== 'ok') return <LoadError what="this order" />;

  const order = result.data;
  const [money, current] = await Promise.all([
    CHARGED.has(order.status) ? orderMoney(order.id) : null,
    order.status === 'complete' ? getCurrentUser() : null,
  ]);
  return (
    <article className="card detail">
      <h1>{order.ticket.title}</h1>
      <p className="price price-large">{formatPrice(order.ticket.price)}</p>
      {PAYABLE.has(order.status) ? (
        <OrderPayment orderId={order.id} expiresAt={order.expiresAt} initialMsLeft={msUntil(order.expiresAt)} />
      ) : (
        <OrderStatusNotice order={order} />
      )}
      {order.status === 'complete' && <OrderDelivery order={order} user={current?.known ? current.user : null} />}
      {CHARGED.has(order.status) && <MoneyTimeline money={money} eventCancelled={order.cancelReason === 'event-cancelled'} />}
      <p>
        <Link href="/orders">All my orders</Link>
      </p>
    </article>
  );
}

/**
 * The money timeline, or null while payouts has not booked the payment yet (404), or is away:
 * the order page never fails for it.
 */
async function orderMoney(orderId: string): Promise<OrderMoney | null> {
  const result = await serverGet<OrderMoney>(`/api/payouts/orders/${encodeURIComponent(orderId)}`);
  return result.kind === 'ok' && Array.isArray(result.data?.timeline) ? result.data : null;
}

function msUntil(iso: string): number {
  return Date.parse(iso) - Date.now();
}
