import type { Metadata } from 'next';
import { requireUser } from '@/lib/require-user';
import { singleParam } from '@/lib/query-string';
import { EventForm } from '@/components/EventForm';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Add an event' };

export default async function NewEventPage({ searchParams }: PageProps<'/events/new'>) {
  const user = await requireUser();
  const thenSell = singleParam((await searchParams).then) === 'sell';
  return (
    <section className="narrow">
      <h1>Add an event</h1>
      {thenSell && <p className="muted">Once it is created, you go on to list your ticket for it.</p>}
      {user ? <EventForm thenSell={thenSell} /> : <LoadError what="your account" />}
    </section>
  );
}
