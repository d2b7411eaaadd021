import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { Ticket } from '@/lib/types';
import { serverGet } from '@/lib/server-api';
import { getCurrentUser } from '@/lib/current-user';
import { formatPrice } from '@/lib/format';
import { PurchaseButton } from '@/components/PurchaseButton';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Ticket' };

export default async function TicketPage({ params }: PageProps<'/tickets/[id]'>) {
  const { id } = await params;
  const [result, current] = await Promise.all([
    serverGet<Ticket>(`/api/tickets/${encodeURIComponent(id)}`),
    getCurrentUser(),
  ]);
  if (result.kind === 'status' && result.status === 404) notFound();
  if (result.kind !== 'ok') return <LoadError what="this ticket" />;

  const ticket = result.data;
  return (
    <article className="card detail">
      <h1>{ticket.title}</h1>
      <p className="price price-large">{formatPrice(ticket.price)}</p>
      {ticket.orderId && <p className="muted">Someone has reserved this ticket; it may come back on sale.</p>}
      <PurchaseButton ticketId={ticket.id} signedIn={Boolean(current.known && current.user)} />
    </article>
  );
}
