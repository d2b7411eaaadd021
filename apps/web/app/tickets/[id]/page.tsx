import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTicket } from '@/lib/tickets';
import { getCurrentUser } from '@/lib/current-user';
import { formatPrice } from '@/lib/format';
import { PurchaseButton } from '@/components/PurchaseButton';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/tickets/[id]'>): Promise<Metadata> {
  const result = await getTicket((await params).id);
  return { title: result.kind === 'ok' ? result.data.title : 'Ticket' };
}

export default async function TicketPage({ params }: PageProps<'/tickets/[id]'>) {
  const { id } = await params;
  const [result, current] = await Promise.all([
    getTicket(id),
    getCurrentUser(),
  ]);
  if (result.kind === 'status' && result.status === 404) notFound();
  if (result.kind !== 'ok') return <LoadError what="this ticket" />;

  const ticket = result.data;
  return (
    <article className="card detail">
      <h1>{ticket.title}</h1>
      <p className="price price-large">{formatPrice(ticket.price)}</p>
      {ticket.reserved && <p className="muted">Someone has reserved this ticket; it may come back on sale.</p>}
      <PurchaseButton ticketId={ticket.id} signedIn={Boolean(current.known && current.user)} />
    </article>
  );
}
