'use client';

import { useEffect, useState } from 'react';
import type { EventSummary } from '@/lib/types';
import { getJson } from '@/lib/client-api';
import { eventsPath } from '@/lib/events-path';

const DEBOUNCE_MS = 250;
const SUGGESTIONS = 8;

export type EventSearch =
  | { state: 'loading' }
  | { state: 'done'; events: EventSummary[] }
  | { state: 'failed'; message: string };

/**
 * Upcoming events matching what is typed, asked of the catalog a moment after typing stops; an
 * answer to an older query is dropped (aborted), so the list always matches the box.
 */
export function useEventSearch(query: string, enabled: boolean): EventSearch {
  const [result, setResult] = useState<EventSearch>({ state: 'loading' });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setResult({ state: 'loading' });
      try {
        const answer = await getJson<EventSummary[]>(eventsPath({ q: query, limit: SUGGESTIONS }), controller.signal);
        if (answer.ok) setResult({ state: 'done', events: answer.data });
        else setResult({ state: 'failed', message: answer.errors[0].message });
      } catch {
        // aborted: a newer query is on its way
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, enabled]);

  return result;
}
