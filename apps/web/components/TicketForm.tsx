'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ApiError, MarketEvent, Ticket } from '@/lib/types';
import { useRequest } from '@/hooks/use-request';
import { fieldError, generalErrors } from '@/lib/errors';
import { moneyValue } from '@/lib/money-input';
import { capPercentFor, maxPriceFor, type PriceCaps } from '@/lib/price-cap';
import { formatPrice } from '@/lib/format';
import { putBytes } from '@/lib/client-api';
import { ticketFileProblem } from '@/lib/delivery';
import { attachTicketFile } from '@/lib/ticket-file-upload';
import { TextField } from './TextField';
import { TicketFileInput } from './TicketFileInput';
import { FormErrors } from './FormErrors';
import { EventPicker } from './EventPicker';

const FIELDS = ['eventId', 'title', 'faceValue', 'price', 'file'] as const;
const PICK_AN_EVENT = 'Pick the event, or choose “Not for a specific event”';

interface Props {
  /** Arriving from an event's page (or from creating one): already picked. */
  initialEvent?: MarketEvent | null;
  /** null: the caps could not be read; the form gives no hint (the API still enforces them). */
  caps: PriceCaps | null;
}

/** What the price field says about the cap before anything is sent (the API has the last word). */
function capHint(capPercent: number, faceValue: number | string | undefined, country: string | undefined): string {
  const where = country ? ` (the cap for ${country})` : '';
  if (typeof faceValue === 'number' && faceValue > 0) {
    return `In US dollars. At most ${formatPrice(maxPriceFor(faceValue, capPercent))}: ${capPercent} % of the face value${where}.`;
  }
  return `In US dollars, e.g. 12.50. At most ${capPercent} % of the face value${where}.`;
}

export function TicketForm({ initialEvent = null, caps }: Props) {
  const [forEvent, setForEvent] = useState(true);
  const [picked, setPicked] = useState<MarketEvent | null>(initialEvent);
  const [title, setTitle] = useState(initialEvent?.name ?? '');
  const [faceValue, setFaceValue] = useState('');
  const [price, setPrice] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // The ticket was listed but its file could not be attached: the seller can attach it from its page.
  const [unattached, setUnattached] = useState<{ ticketId: string; errors: ApiError[] } | null>(null);
  const [attaching, setAttaching] = useState(false);
  const { post, errors, setErrors, pending } = useRequest();
  const router = useRouter();

  const capPercent = caps ? capPercentFor(caps, forEvent ? picked?.country : undefined) : undefined;
  const face = moneyValue(faceValue);
  // Without a face value there is nothing to cap (a seed-style listing).
  const priceHint = capPercent !== undefined && (forEvent || face !== undefined) ? capHint(capPercent, face, forEvent ? picked?.country : undefined) : 'In US dollars, e.g. 12.50';

  function pick(event: MarketEvent | null) {
    setPicked(event);
    // The event's name is a good start for a title; a title already typed is kept.
    if (event && title.trim() === '') setTitle(event.name);
    setErrors(errors.filter((e) => e.field !== 'eventId'));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (unattached) return;
    if (forEvent && !picked) return setErrors([{ field: 'eventId', message: PICK_AN_EVENT }]);
    const fileProblem = file ? ticketFileProblem(file) : undefined;
    if (fileProblem) return setErrors([{ field: 'file', message: fileProblem }]);
    const body = forEvent && picked
      ? { eventId: picked.id, title, faceValue: face ?? '', price: moneyValue(price) ?? '' }
      : { title, price: moneyValue(price) ?? '', ...(face !== undefined && { faceValue: face }) };
    const result = await post<Ticket>('/api/tickets', body);
    if (!result) return;
    if (result.ok) {
      if (file) {
        // The raw file, with its own type, once the ticket exists (delivery takes it from the seller only).
        setAttaching(true);
        const attached = await attachTicketFile(result.data.id, file, { send: putBytes });
        setAttaching(false);
        if (!attached.ok) return setUnattached({ ticketId: result.data.id, errors: attached.errors });
      }
      // A listing for an event opens its own page (the event's list catches up by event);
      // one without an event goes back to the landing page's newest tickets, as before.
      router.push(forEvent ? `/tickets/${result.data.id}` : '/');
    } else if (result.status === 401) router.push('/auth/signin');
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <fieldset className="choice">
        <legend>What is the ticket for?</legend>
        <label>
          <input type="radio" name="for" checked={forEvent} onChange={() => setForEvent(true)} /> An event
        </label>
        <label>
          <input type="radio" name="for" checked={!forEvent} onChange={() => setForEvent(false)} /> Not for a specific event
        </label>
      </fieldset>
      {forEvent && <EventPicker picked={picked} onPick={pick} error={fieldError(errors, 'eventId')} />}
      <TextField
        name="title"
        label="Title"
        autoComplete="off"
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fieldError(errors, 'title')}
        required
      />
      <TextField
        name="faceValue"
        label="Face value"
        hint={forEvent ? 'The price printed on the ticket, in US dollars' : 'Optional: the price printed on the ticket, in US dollars'}
        inputMode="decimal"
        autoComplete="off"
        value={faceValue}
        onChange={(e) => setFaceValue(e.target.value)}
        error={fieldError(errors, 'faceValue')}
        required={forEvent}
      />
      <TextField
        name="price"
        label="Price"
        hint={priceHint}
        inputMode="decimal"
        autoComplete="off"
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        error={fieldError(errors, 'price')}
        required
      />
      <TicketFileInput
        onChange={(chosen) => {
          setFile(chosen);
          setErrors(errors.filter((e) => e.field !== 'file'));
        }}
        error={fieldError(errors, 'file')}
        disabled={pending}
      />
      <FormErrors errors={generalErrors(errors, forEvent ? FIELDS : FIELDS.filter((f) => f !== 'eventId'))} />
      {unattached ? (
        <div className="notice notice-warning" role="alert">
          <p>Your ticket is listed, but its file could not be attached: {unattached.errors.map((e) => e.message).join(' ')}</p>
          <p>
            <Link href={`/tickets/${unattached.ticketId}`}>Attach the file from the ticket&apos;s page</Link>
          </p>
        </div>
      ) : (
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
          {attaching ? 'Attaching the file…' : 'Create Ticket'}
        </button>
      )}
    </form>
  );
}
