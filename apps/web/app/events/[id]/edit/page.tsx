import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/require-user';
import { getEvent } from '@/lib/events';
import { EventForm } from '@/components/EventForm';
import { LoadError } from '@/components/LoadError';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit event' };

export default async function EditEventPage({ params }: PageProps<'/events/[id]/edit'>) {
  const { id } = await params;
  const [user, result] = await Promise.all([requireUser(), getEvent(id)]);
  if (result.kind === 'status' && result.status === 404) notFound();
  if (!user || result.kind !== 'ok') return <LoadError what="this event" />;
  const event = result.data;
  // Only its creator may edit it (the API says 403 to anyone else); others see it as not found.
  if (event.userId !== user.id) notFound();
  return (
    <section className="narrow">
      <h1>Edit event</h1>
      {event.status === 'cancelled' ? (
        <p className="notice notice-error" role="alert">
          This event was cancelled and can no longer be edited. <Link href={`/events/${event.id}`}>Back to the event</Link>
        </p>
      ) : (
        <EventForm event={event} />
      )}
    </section>
  );
}
