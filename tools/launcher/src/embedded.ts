// `npm start`: the marketplace in embedded mode. Ctrl-C stops everything cleanly; a second start
// reuses the data directory.
import { startEmbeddedStack } from './embedded-stack';
import { prettyLogger } from './pretty-logger';

const logger = prettyLogger('ticketing');
const started = Date.now();
const stack = await startEmbeddedStack({
  dataDir: process.env.TICKETING_DATA_DIR ?? './.data',
  port: Number(process.env.PORT ?? 3000),
  // This machine only: embedded mode serves plain HTTP with non-Secure cookies. HOST=0.0.0.0 (or
  // an address) opens it to the network.
  host: process.env.HOST || '127.0.0.1',
  logger,
  env: process.env,
  web: process.env.TICKETING_WEB !== 'false',
}).catch((error) => {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
});
logger.info(`Ticketing is running at ${stack.url} (embedded mode, started in ${((Date.now() - started) / 1000).toFixed(1)} s) — Ctrl-C to stop`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping…');
    setTimeout(() => process.exit(1), 15_000).unref();
    await stack.stop();
    logger.info('stopped');
    process.exit(0);
  });
}
