export * from './revocation-list';
export * from './revocation-refresh';
export * from './revocations.repository';
export * from './session-revoked.consumer';
