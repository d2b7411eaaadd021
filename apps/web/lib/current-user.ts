import { cache } from 'react';
import type { CurrentUser } from './types';
import { serverGet } from './server-api';

export type CurrentUserResult = { known: true; user: CurrentUser | null } | { known: false };

/**
 * Who is signed in, asked of auth once per request (the header and the page share it).
 * `known: false` means auth could not be asked — not the same as signed out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUserResult> => {
  const result = await serverGet<{ currentUser: CurrentUser | null }>('/api/users/currentuser');
  if (result.kind !== 'ok') return { known: false };
  return { known: true, user: result.data.currentUser ?? null };
});
