// Auth's environment: the shared variables plus its own (token lifetime, signing key, cookie, rate limit).
import { z } from 'zod';
import { baseConfigShape, env, trustProxyShape } from '@ticketing/common';

export const authConfigSchema = z.object({
  ...baseConfigShape('auth'),
  /** Session (JWT and cookie) lifetime. */
  JWT_TTL_SECONDS: env.int(86_400),
  /** Ed25519 private key as PKCS8 PEM or private JWK JSON. Production must set it (see README). */
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  /** Where a development key is generated and kept when JWT_PRIVATE_KEY is missing. */
  AUTH_KEY_FILE: env.string('./.data/auth-signing-key.json'),
  /** Plain-HTTP local development needs false, or browsers drop the cookie. */
  COOKIE_SECURE: env.bool(true),
  /** Sign-in/sign-up attempts per minute, per client address and per email. */
  AUTH_RATE_LIMIT_PER_MINUTE: env.int(10),
  /** Where replicas share the attempt counters (infra mode, Kubernetes); unset → in memory. */
  REDIS_URL: z.string().url().optional(),
  /** Whose X-Forwarded-For names the client its attempts are counted under (read by the kernel's HTTP app). */
  ...trustProxyShape(),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;

/** What the auth factory reads; the embedded launcher and tests pass only these. */
export type AuthSettings = Pick<AuthConfig, 'JWT_TTL_SECONDS' | 'COOKIE_SECURE' | 'AUTH_RATE_LIMIT_PER_MINUTE'>;
