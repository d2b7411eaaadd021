import type { ApiError } from './types';

// Browser-side calls go to the same origin; the session cookie rides along by itself.

export type ClientResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; errors: ApiError[] };

const NETWORK_ERROR: ApiError = { message: 'Could not reach the server. Check your connection and try again.' };
const UNKNOWN_ERROR: ApiError = { message: 'Something went wrong. Please try again.' };
const UNAVAILABLE_ERROR: ApiError = { message: 'The service is unavailable right now. Please try again shortly.' };

export function postJson<T>(path: string, body: unknown, extraHeaders: Record<string, string> = {}): Promise<ClientResult<T>> {
  return sendJson<T>('POST', path, body, extraHeaders);
}

export function putJson<T>(path: string, body: unknown): Promise<ClientResult<T>> {
  return sendJson<T>('PUT', path, body);
}

/** A GET from the browser (e.g. search as you type), with the same result shape as a POST. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<ClientResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error; // the caller moved on; nobody should see an error for it
    return { ok: false, status: 0, errors: [NETWORK_ERROR] };
  }
  return resultOf<T>(res);
}

/**
 * PUT raw bytes (a ticket file) with their own Content-Type; the answer is JSON as for any call.
 * A body the gateway refuses (413, 415) comes back with the API's error body like any other.
 */
export async function putBytes<T>(path: string, body: Blob, contentType: string): Promise<ClientResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'PUT', headers: { 'content-type': contentType, accept: 'application/json' }, body, credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, errors: [NETWORK_ERROR] };
  }
  return resultOf<T>(res);
}

async function sendJson<T>(method: 'POST' | 'PUT', path: string, body: unknown, extraHeaders: Record<string, string> = {}): Promise<ClientResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...extraHeaders },
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, errors: [NETWORK_ERROR] };
  }
  return resultOf<T>(res);
}

async function resultOf<T>(res: Response): Promise<ClientResult<T>> {
  const payload = await readJson(res);
  if (res.ok) return { ok: true, status: res.status, data: payload as T };
  return { ok: false, status: res.status, errors: errorsFrom(payload, res.status) };
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null; // empty body or an HTML error page from a proxy
  }
}

function errorsFrom(payload: unknown, status: number): ApiError[] {
  const errors = (payload as { errors?: unknown } | null)?.errors;
  // 502–504 without our error body come from the gateway or proxy: a service is down, not a bug.
  if (!Array.isArray(errors)) return [status >= 502 && status <= 504 ? UNAVAILABLE_ERROR : UNKNOWN_ERROR];
  const valid = errors.filter((e): e is ApiError => typeof e?.message === 'string');
  return valid.length > 0 ? valid : [UNKNOWN_ERROR];
}
