'use client';

import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRequest } from '@/hooks/use-request';
import { FormErrors } from './FormErrors';

/**
 * The creator's controls. Cancelling cannot be undone and refunds every buyer, so it asks first,
 * in the page rather than in a browser dialog.
 */
export function EventOwnerActions({ eventId }: { eventId: string }) {
  const [confirming, setConfirming] = useState(false);
  const { post, errors, pending } = useRequest();
  const router = useRouter();

  async function cancelEvent() {
    const result = await post(`/api/events/${encodeURIComponent(eventId)}/cancel`, {});
    if (!result) return;
    if (result.ok) {
      setConfirming(false);
      router.refresh();
    } else if (result.status === 401) router.push('/auth/signin');
  }

  return (
    <div className="owner-actions">
      <FormErrors errors={errors} />
      {confirming ? (
        <div className="notice notice-warning" role="group" aria-labelledby="cancel-event-question">
          <p id="cancel-event-question">
            <strong>Cancel this event?</strong> Its tickets are taken off sale and every buyer is refunded in full. This
            cannot be undone.
          </p>
          <p className="button-row">
            <button type="button" className="button button-danger" onClick={cancelEvent} disabled={pending} aria-busy={pending || undefined}>
              Yes, cancel the event
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={pending}>
              Keep the event
            </button>
          </p>
        </div>
      ) : (
        <p className="button-row">
          <Link href={`/events/${eventId}/edit`} className="button">
            Edit
          </Link>
          <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
            Cancel event
          </button>
        </p>
      )}
    </div>
  );
}
