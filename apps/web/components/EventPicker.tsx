'use client';

import { useState } from 'react';
import Link from 'next/link';
import type { MarketEvent } from '@/lib/types';
import { formatEventDate } from '@/lib/format';
import { useEventSearch } from '@/hooks/use-event-search';

interface Props {
  picked: MarketEvent | null;
  onPick: (event: MarketEvent | null) => void;
  /** The API's (or the form's) complaint about the event, shown next to it. */
  error?: string;
}

const ID = 'field-eventId';

/** Search as you type over upcoming events; the chosen one replaces the search box. */
export function EventPicker({ picked, onPick, error }: Props) {
  const [query, setQuery] = useState('');
  const search = useEventSearch(query, picked === null);
  const errorNode = error && (
    <p id={`${ID}-error`} className="field-error" role="alert">
      {error}
    </p>
  );

  if (picked) {
    return (
      <div className="field">
        <span className="field-label" id={`${ID}-label`}>
          Event
        </span>
        <div className="picked-event card" aria-labelledby={`${ID}-label`} aria-describedby={error ? `${ID}-error` : undefined}>
          <strong className="event-name">{picked.name}</strong>
          {/* Formatted in the visitor's zone once in the browser; the server may be elsewhere. */}
          <span className="muted" suppressHydrationWarning>
            {formatEventDate(picked.startsAt)} · {picked.venue}, {picked.city}
          </span>
          <button type="button" className="button button-small" onClick={() => onPick(null)}>
            Change event
          </button>
        </div>
        {errorNode}
      </div>
    );
  }

  return (
    <div className="field event-picker">
      <label htmlFor={ID}>Event</label>
      <p id={`${ID}-hint`} className="field-hint">
        Type the artist, venue or city, then pick the event.
      </p>
      <input
        id={ID}
        name="eventSearch"
        type="search"
        autoComplete="off"
        maxLength={200}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${ID}-hint`, error && `${ID}-error`].filter(Boolean).join(' ')}
        aria-controls={`${ID}-results`}
      />
      {errorNode}
      <div id={`${ID}-results`} aria-live="polite">
        {search.state === 'loading' && <p className="muted">Searching…</p>}
        {search.state === 'failed' && <p className="field-error">{search.message}</p>}
        {search.state === 'done' &&
          (search.events.length > 0 ? (
            <ul className="event-options" aria-label="Matching events">
              {search.events.map((event) => (
                <li key={event.id}>
                  <button type="button" className="event-option" onClick={() => onPick(event)}>
                    <strong className="event-name">{event.name}</strong>
                    <span className="muted">
                      {formatEventDate(event.startsAt)} · {event.venue}, {event.city}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No upcoming event matches.</p>
          ))}
      </div>
      <p className="field-hint">
        Not listed? <Link href="/events/new?then=sell">Add the event</Link>
      </p>
    </div>
  );
}
