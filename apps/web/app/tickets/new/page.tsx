import type { Metadata } from 'next';
import { requireUser } from '@/lib/require-user';
import { TicketForm } from '@/components/TicketForm';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sell a ticket' };

export default async function NewTicketPage() {
  const user = await requireUser();
  return (
    <section className="narrow">
      <h1>Sell a ticket</h1>
      {user ? <TicketForm /> : <LoadError what="your account" />}
    </section>
  );
}
