'use client';

import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '@/lib/types';
import { postJson, putJson, type ClientResult } from '@/lib/client-api';

/**
 * One in-flight POST or PUT at a time, with the API's errors kept for the form to show.
 * After a success the form stays busy: the caller is about to navigate away.
 */
export function useRequest() {
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [pending, setPending] = useState(false);
  // A ref, not state: a double click lands before React re-renders the disabled button.
  const inFlight = useRef(false);

  const send = useCallback(
    async <T>(method: 'POST' | 'PUT', path: string, body: unknown, headers?: Record<string, string>): Promise<ClientResult<T> | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setPending(true);
      setErrors([]);
      const result = method === 'PUT' ? await putJson<T>(path, body) : await postJson<T>(path, body, headers);
      if (!result.ok) {
        setErrors(result.errors);
        inFlight.current = false;
        setPending(false);
      }
      return result;
    },
    [],
  );

  const post = useCallback(
    <T>(path: string, body: unknown, headers?: Record<string, string>) => send<T>('POST', path, body, headers),
    [send],
  );
  const put = useCallback(<T>(path: string, body: unknown) => send<T>('PUT', path, body), [send]);

  return { post, put, errors, setErrors, pending };
}
