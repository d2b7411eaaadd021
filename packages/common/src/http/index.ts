export * from './create-app';
export * from './error-handler';
export * from './session';
