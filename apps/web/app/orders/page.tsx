import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { Order } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { OrderList } from '@/components/OrderList';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My Orders' };

export default async function OrdersPage() {
  // The orders call itself says whether the visitor is signed in (401), so no separate check.
  const result = await serverGet<Order[]>('/api/orders');
  if (result.kind === 'status' && result.status === 401) redirect('/auth/signin');
  if (result.kind !== 'ok') {
    return (
      <>
        <h1>My Orders</h1>
        <LoadError what="your orders" />
      </>
    );
  }
  return (
    <>
      <h1>My Orders</h1>
      {result.data.length > 0 ? (
        <OrderList orders={result.data} />
      ) : (
        <p className="muted">
          No orders yet. <Link href="/">Find a ticket</Link>
        </p>
      )}
    </>
  );
}
