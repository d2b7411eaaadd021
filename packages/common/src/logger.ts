// JSON logs (pino). One root logger per process; services take a child named after them.
import { pino, type Logger } from 'pino';
import { activeTraceId } from './tracing';

export type { Logger };

export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'], censor: '[redacted]' },
    // Lines written inside a request or a consumer name its trace, to find them from a span.
    mixin: () => {
      const traceId = activeTraceId();
      return traceId ? { traceId } : {};
    },
  });
}

/** A logger that writes nothing (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
