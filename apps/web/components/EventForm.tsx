'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import type { MarketEvent } from '@/lib/types';
import { useRequest } from '@/hooks/use-request';
import { fieldError, generalErrors } from '@/lib/errors';
import { isoToLocalInput, localInputToIso } from '@/lib/datetime-local';
import { TextField } from './TextField';
import { FormErrors } from './FormErrors';

const FIELDS = ['name', 'venue', 'city', 'country', 'startsAt'] as const;

interface Props {
  /** Editing this event; creating a new one when absent. */
  event?: MarketEvent;
  /** Creating on the way to selling: go on to list a ticket for the new event. */
  thenSell?: boolean;
}

export function EventForm({ event, thenSell = false }: Props) {
  const [name, setName] = useState(event?.name ?? '');
  const [venue, setVenue] = useState(event?.venue ?? '');
  const [city, setCity] = useState(event?.city ?? '');
  const [country, setCountry] = useState(event?.country ?? '');
  const [startsAt, setStartsAt] = useState('');
  const { post, put, errors, pending } = useRequest();
  const router = useRouter();

  // The local wall-clock time depends on the browser's zone, which the server rendering this
  // form does not know: filled in once in the browser.
  useEffect(() => {
    if (event) setStartsAt(isoToLocalInput(event.startsAt));
  }, [event]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // An unreadable date goes as typed, so the API's message says what is wrong with it.
    const body = { name, venue, city, country, startsAt: localInputToIso(startsAt) ?? startsAt };
    const result = event
      ? await put<MarketEvent>(`/api/events/${encodeURIComponent(event.id)}`, body)
      : await post<MarketEvent>('/api/events', body);
    if (!result) return;
    if (result.ok) {
      const id = result.data.id;
      router.push(thenSell ? `/tickets/new?eventId=${encodeURIComponent(id)}` : `/events/${id}`);
    } else if (result.status === 401) router.push('/auth/signin');
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField name="name" label="Event name" autoComplete="off" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(errors, 'name')} required />
      <TextField name="venue" label="Venue" autoComplete="off" maxLength={200} value={venue} onChange={(e) => setVenue(e.target.value)} error={fieldError(errors, 'venue')} required />
      <div className="field-row">
        <TextField name="city" label="City" autoComplete="address-level2" maxLength={100} value={city} onChange={(e) => setCity(e.target.value)} error={fieldError(errors, 'city')} required />
        <TextField
          name="country"
          label="Country"
          hint="Two letters, e.g. NL"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={2}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          error={fieldError(errors, 'country')}
          required
        />
      </div>
      <TextField
        name="startsAt"
        label="Date and time"
        hint="In your time zone"
        type="datetime-local"
        value={startsAt}
        onChange={(e) => setStartsAt(e.target.value)}
        error={fieldError(errors, 'startsAt')}
        required
      />
      <FormErrors errors={generalErrors(errors, FIELDS)} />
      <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
        {event ? 'Save event' : 'Create event'}
      </button>
    </form>
  );
}
