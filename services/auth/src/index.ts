// What the embedded launcher and other packages use from auth.
export { createAuthService, type AuthServiceDeps } from './app';
export { authConfigSchema, type AuthConfig, type AuthSettings } from './config';
export { generateSigningKey, loadOrCreateSigningKey, signingKeyFromConfig, signingKeyFromJwk, type SigningKey } from './signing-key';
export { jwksOf } from './session-token';
