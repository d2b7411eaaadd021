// The rules for what a user types: emails are compared trimmed and lower-cased; passwords are taken
// exactly as typed (a space is a character), 8–128 characters on sign-up (NIST 800-63B's minimum;
// api.md: the original's 20-character cap hurts password managers), merely non-empty on sign-in.
import { z } from 'zod';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const email = z.string().trim().toLowerCase()
  .pipe(z.email({ error: 'Email must be valid' }).max(254, { error: 'Email must be valid' }));

const passwordLength = `Password must be between ${PASSWORD_MIN} and ${PASSWORD_MAX} characters`;

// The length rules sit behind a pipe so a non-string reports one error, not also its length.
export const newPassword = z.string()
  .pipe(z.string().min(PASSWORD_MIN, { error: passwordLength }).max(PASSWORD_MAX, { error: passwordLength }));

export const givenPassword = z.string()
  .pipe(z.string()
    .min(1, { error: 'You must supply a password' })
    // Bounds the scrypt work; no stored password is longer.
    .max(PASSWORD_MAX, { error: `Password must be at most ${PASSWORD_MAX} characters` }));

export const signupBody = z.object({ email, password: newPassword });
export const signinBody = z.object({ email, password: givenPassword });

/** What the API shows of a user. */
export const userJson = z.object({ id: z.string(), email: z.string() });
