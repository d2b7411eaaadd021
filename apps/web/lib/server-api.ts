import { headers } from 'next/headers';

// Server-only: SSR talks to the gateway directly, as the signed-in browser would.
const DEFAULT_API_URL = 'http://127.0.0.1:3000';
const TIMEOUT_MS = 5000;

export type ServerResult<T> =
  | { kind: 'ok'; data: T; headers: Headers }
  | { kind: 'status'; status: number }
  | { kind: 'unreachable' };

function apiUrl(path: string): string {
  const base = (process.env.API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  return `${base}${path}`;
}

/** The browser's cookie header, so the gateway sees the same session. */
async function forwardedHeaders(): Promise<HeadersInit> {
  const cookie = (await headers()).get('cookie');
  return cookie ? { accept: 'application/json', cookie } : { accept: 'application/json' };
}

/**
 * GET a JSON resource from the gateway. Never throws: a down or misbehaving gateway is
 * 'unreachable', so pages can show a "could not load" state instead of a 500.
 */
export async function serverGet<T>(path: string): Promise<ServerResult<T>> {
  try {
    const res = await fetch(apiUrl(path), {
      headers: await forwardedHeaders(),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return res.status >= 500 ? { kind: 'unreachable' } : { kind: 'status', status: res.status };
    return { kind: 'ok', data: (await res.json()) as T, headers: res.headers };
  } catch (error) {
    console.error(`GET ${path} failed:`, error instanceof Error ? error.message : error);
    return { kind: 'unreachable' };
  }
}

export type ServerHeadResult = { kind: 'ok'; headers: Headers } | { kind: 'status'; status: number } | { kind: 'unreachable' };

/**
 * HEAD a resource (a ticket's or an order's file): whether it is there, its type and size, without
 * fetching its bytes. Never throws, like serverGet.
 */
export async function serverHead(path: string): Promise<ServerHeadResult> {
  try {
    const res = await fetch(apiUrl(path), {
      method: 'HEAD', headers: await forwardedHeaders(), cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return res.status >= 500 ? { kind: 'unreachable' } : { kind: 'status', status: res.status };
    return { kind: 'ok', headers: res.headers };
  } catch (error) {
    console.error(`HEAD ${path} failed:`, error instanceof Error ? error.message : error);
    return { kind: 'unreachable' };
  }
}
