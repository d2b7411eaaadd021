'use client';

import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '@/lib/types';
import { postJson, type ClientResult } from '@/lib/client-api';

/**
 * One in-flight POST at a time, with the API's errors kept for the form to show.
 * After a success the form stays busy: the caller is about to navigate away.
 */
export function useRequest() {
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [pending, setPending] = useState(false);
  // A ref, not state: a double click lands before React re-renders the disabled button.
  const inFlight = useRef(false);

  const post = useCallback(
    async <T>(path: string, body: unknown, headers?: Record<string, string>): Promise<ClientResult<T> | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setPending(true);
      setErrors([]);
      const result = await postJson<T>(path, body, headers);
      if (!result.ok) {
        setErrors(result.errors);
        inFlight.current = false;
        setPending(false);
      }
      return result;
    },
    [],
  );

  return { post, errors, setErrors, pending };
}
