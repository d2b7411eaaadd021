'use client';

import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `expiresAt`, re-read from the clock every second (never decremented,
 * so a throttled background tab can't drift). The first render uses the server's figure so
 * the hydrated HTML matches what was streamed.
 */
export function useCountdown(expiresAt: string, initialMsLeft: number): number {
  const [msLeft, setMsLeft] = useState(initialMsLeft);

  useEffect(() => {
    const expiresMs = Date.parse(expiresAt);
    const tick = () => setMsLeft(expiresMs - Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);

  return msLeft;
}
