import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import type { Order } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { formatPrice } from '@/lib/format';
import { OrderPayment } from '@/components/OrderPayment';
import { OrderStatusNotice } from '@/components/OrderStatusNotice';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Order' };

const PAYABLE = new Set(['created', 'awaiting:payment']);

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
  return (
    <article className="card detail">
      <h1>{order.ticket.title}</h1>
      <p className="price price-large">{formatPrice(order.ticket.price)}</p>
      {PAYABLE.has(order.status) ? (
        <OrderPayment orderId={order.id} expiresAt={order.expiresAt} initialMsLeft={msUntil(order.expiresAt)} />
      ) : (
        <OrderStatusNotice order={order} />
      )}
      <p>
        <Link href="/orders">All my orders</Link>
      </p>
    </article>
  );
}

function msUntil(iso: string): number {
  return Date.parse(iso) - Date.now();
}
