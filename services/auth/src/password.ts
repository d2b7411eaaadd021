// Password hashing with scrypt at OWASP's parameters (N = 2^17, r = 8, p = 1). The stored form names
// its scheme and parameters (`scrypt$N$r$p$salt$hash`, base64url), so they can be raised later:
// a hash made with other parameters still verifies, and `needsRehash` tells sign-in to replace it.
// Two schemes: `scrypt-exact` hashes the password exactly as typed; `scrypt` (before issue 12) hashed
// it trimmed, so for those hashes the trimmed password is tried too, until sign-in upgrades them.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const owaspScryptParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const exactScheme = 'scrypt-exact';
const trimmedScheme = 'scrypt';
const saltBytes = 16;
const keyBytes = 32;
/**
 * Each derivation holds 128 × N × r bytes (128 MiB at OWASP's parameters) in a libuv thread: two at
 * a time bound the memory and leave the thread pool to file and DNS work; the rest wait their turn.
 */
const concurrentDerivations = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** True when the stored hash is not of the current scheme and parameters (sign-in replaces it). */
  needsRehash(stored: string): boolean;
  /**
   * The same scrypt work as a real check, answering false: sign-in with an unknown email takes as
   * long as with a wrong password, so response times do not reveal who has an account.
   */
  verifyAgainstDecoy(password: string): Promise<false>;
}

/** `params` other than OWASP's are for tests only (the suites sign up hundreds of users). */
export function createPasswordHasher(params: ScryptParams = owaspScryptParams): PasswordHasher {
  const derive = limitConcurrency(concurrentDerivations, deriveKey);
  let decoy: Promise<string> | undefined;
  const hash = async (password: string) => {
    const salt = randomBytes(saltBytes);
    const key = await derive(password, salt, params);
    return [exactScheme, params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
  };
  const verify = async (password: string, stored: string) => {
    const parsed = parse(stored);
    if (!parsed) return false;
    if (await matches(await derive(password, parsed.salt, parsed.params), parsed.key)) return true;
    const trimmed = password.trim();
    return parsed.scheme === trimmedScheme && trimmed !== password
      && matches(await derive(trimmed, parsed.salt, parsed.params), parsed.key);
  };
  return {
    hash,
    verify,
    needsRehash(stored) {
      const parsed = parse(stored);
      return !parsed || parsed.scheme !== exactScheme || (['N', 'r', 'p'] as const).some((name) => parsed.params[name] !== params[name]);
    },
    async verifyAgainstDecoy(password) {
      decoy ??= hash(randomBytes(16).toString('hex'));
      await verify(password, await decoy);
      return false;
    },
  };
}

/** The async API: the derivation runs in libuv's pool, never on the event loop. */
function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node's default maxmem (32 MiB) refuses N = 2^17, r = 8, which needs 128 × N × r bytes.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function matches(candidate: Buffer, key: Buffer): boolean {
  return candidate.length === key.length && timingSafeEqual(candidate, key);
}

function parse(stored: string): { scheme: string; params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || (parts[0] !== exactScheme && parts[0] !== trimmedScheme)) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  return { scheme: parts[0], params: { N, r, p }, salt: Buffer.from(parts[4], 'base64url'), key: Buffer.from(parts[5], 'base64url') };
}

function limitConcurrency<A extends unknown[], R>(limit: number, task: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (...args) => {
    if (running < limit) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // a finishing task hands its slot over
    try {
      return await task(...args);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
