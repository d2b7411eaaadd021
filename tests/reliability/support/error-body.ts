// api.md's error body: {"errors": [{"message": string, "field"?: string}]}, at least one entry.
import type { InjectResponse } from './marketplace';

export function errorBodyProblem(response: InjectResponse): string | null {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return `body is not JSON: ${response.text.slice(0, 200)}`;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an object';
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'errors') return `body keys are ${JSON.stringify(keys)}, not ["errors"]`;
  const errors = (body as { errors: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return 'errors is not a non-empty array';
  for (const item of errors) {
    if (!item || typeof item !== 'object') return 'an error is not an object';
    const { message, field, ...rest } = item as Record<string, unknown>;
    if (typeof message !== 'string' || message.length === 0) return 'an error has no message';
    if (field !== undefined && typeof field !== 'string') return 'an error field is not a string';
    if (Object.keys(rest).length) return `an error has extra keys ${JSON.stringify(Object.keys(rest))}`;
    if (/\bat .+:\d+:\d+|SELECT |INSERT |relation "/.test(message)) return `an error message shows internals: ${message}`;
  }
  return null;
}
