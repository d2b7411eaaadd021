import { redirect } from 'next/navigation';
import type { CurrentUser } from './types';
import { getCurrentUser } from './current-user';

/**
 * For pages that need a session: redirects a signed-out visitor to sign in.
 * Returns null when auth can't be asked, so the page shows "could not load" rather than
 * sending a signed-in user to the sign-in form.
 */
export async function requireUser(): Promise<CurrentUser | null> {
  const current = await getCurrentUser();
  if (!current.known) return null;
  if (!current.user) redirect('/auth/signin');
  return current.user;
}
