// Stripe metadata: at most 50 string pairs, keys ≤ 40 characters, values ≤ 500; an empty value
// removes its key and `metadata=` (empty) clears them all.
import { invalidParam } from './errors';
import type { FormObject } from '../server/form-params';

const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

export function metadataParam(params: FormObject, current: Record<string, string> = {}): Record<string, string> {
  const raw = params.metadata;
  if (raw === undefined) return { ...current };
  if (raw === '') return {};
  if (typeof raw === 'string' || Array.isArray(raw)) throw invalidParam('metadata', 'Invalid hash');
  const merged = { ...current };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw invalidParam(`metadata[${key}]`, `Invalid string: ${JSON.stringify(value)}`);
    checkPair(key, value);
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  if (Object.keys(merged).length > MAX_KEYS) {
    throw invalidParam('metadata', `You can have up to ${MAX_KEYS} metadata keys, but you passed in ${Object.keys(merged).length}.`);
  }
  return merged;
}

function checkPair(key: string, value: string): void {
  if (key.length > MAX_KEY_LENGTH) {
    throw invalidParam(
      'metadata',
      `Metadata keys can have up to ${MAX_KEY_LENGTH} characters, but you passed in a key that is ${key.length} characters. Invalid key: ${key}`,
    );
  }
  if (value.length > MAX_VALUE_LENGTH) {
    throw invalidParam(
      `metadata[${key}]`,
      `Metadata values can have up to ${MAX_VALUE_LENGTH} characters, but you passed in a value that is ${value.length} characters. Invalid value: ${value}`,
    );
  }
}
