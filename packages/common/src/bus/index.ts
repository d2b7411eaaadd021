// The event bus: port, shared delivery logic, the three adapters and the factory that picks one.
export * from './port';
export * from './handler-errors';
export * from './delivery';
export * from './waits';
export * from './in-process';
export * from './journal-lock';
export * from './dead-letter-admin';
export * from './rabbitmq';
export * from './nats';
export * from './create-bus';
