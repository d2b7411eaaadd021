'use client';

import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { postJson } from '@/lib/client-api';

/** Ends the session as soon as the page opens, then returns to the landing page. */
export function SignOut() {
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    // Strict mode runs effects twice in development; sign out once.
    if (started.current) return;
    started.current = true;
    postJson('/api/users/signout', {}).then((result) => {
      // A full load so the header forgets the user everywhere.
      if (result.ok) window.location.replace('/');
      else setFailed(true);
    });
  }, []);

  if (failed) {
    return (
      <div className="notice notice-error" role="alert">
        <p>We could not sign you out right now. Please try again.</p>
        <p>
          <Link href="/">Back to tickets</Link>
        </p>
      </div>
    );
  }
  return <p aria-live="polite">Signing you out…</p>;
}
