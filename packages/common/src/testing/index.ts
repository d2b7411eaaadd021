// Test support shared by every package's tests (imported as '@ticketing/common/testing/index').
export * from './buses';
export * from './databases';
export * from './sessions';
export * from './wait';
