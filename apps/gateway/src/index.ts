export * from './app';
export * from './routes';
