'use client';

import { useState } from 'react';
import Link from 'next/link';
import { postJson } from '@/lib/client-api';

/**
 * Signing out is a POST the visitor asks for with a button: opening a page (a link on another
 * site, a prefetch) never ends a session. `nav` renders the header's button, which looks like its
 * links; otherwise a confirmation for /auth/signout.
 */
export function SignOut({ nav = false }: { nav?: boolean }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');

  async function signOut() {
    setState('busy');
    const result = await postJson('/api/users/signout', {});
    // A full load so the header forgets the user everywhere.
    if (result.ok) window.location.replace('/');
    else setState('failed');
  }

  const button = (
    <button type="button" className={nav ? 'nav-button' : 'button button-primary'} onClick={signOut} disabled={state === 'busy'}>
      Sign Out
    </button>
  );
  if (nav) return button;
  return (
    <>
      {state === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p>We could not sign you out right now. Please try again.</p>
        </div>
      )}
      <p>Sign out of Ticketing on this device?</p>
      <p>
        {button} <Link href="/">Back to tickets</Link>
      </p>
      {state === 'busy' && <p aria-live="polite">Signing you out…</p>}
    </>
  );
}
