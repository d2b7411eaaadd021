// Stripe-looking identifiers: a type prefix and 24 random base-62 characters.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 248 = 4 × 62: rejecting higher bytes keeps every character equally likely.
  for (let i = 0; out.length < length; i++) {
    const byte = i < bytes.length ? bytes[i] : randomBytes(1)[0];
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out;
}

export type IdPrefix = 'pi' | 'ch' | 're' | 'evt' | 'pm' | 'req' | 'txn' | 'whsec' | 'tr' | 'trr' | 'py' | 'po' | 'pyr' | 'acct';

/** Connected accounts have 16 characters after `acct_`, as at Stripe. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(prefix === 'acct' ? 16 : 24)}`;
}
