// GET /api/users/currentuser — the verified session's claims, or null when signed out (a missing,
// expired or forged cookie included).
import { z } from 'zod';
import type { HttpApp } from '@ticketing/common';

const currentUserJson = z.object({
  currentUser: z.object({ id: z.string(), email: z.string(), iat: z.number(), exp: z.number() }).nullable(),
});

export function getCurrentUserRoute(app: HttpApp): void {
  app.get('/api/users/currentuser', { schema: { response: { 200: currentUserJson } } }, async (request) => ({
    currentUser: request.currentUser,
  }));
}
