'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/**
 * Re-renders the page from the server every few seconds for a while: the provider confirms a
 * seller's details by webhook, usually moments after the seller is sent back, so the page
 * catches up without a reload. Rendered only while there is something to wait for.
 */
export function RefreshWhile({ everyMs = 3000, forMs = 60_000 }: { everyMs?: number; forMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > forMs) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs, forMs]);
  return null;
}
