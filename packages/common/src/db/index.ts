export * from './port';
export * from './postgres';
export * from './pglite';
export * from './migrate';
