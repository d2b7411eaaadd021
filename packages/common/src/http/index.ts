export * from './create-app';
export * from './error-handler';
export * from './session';
export * from './edge-server';
export * from './server-timeouts';
export * from './trust-proxy';
