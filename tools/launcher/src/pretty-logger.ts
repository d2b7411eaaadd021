// Readable terminal logs for the launchers (JSON stays the format of each service process).
import { pino } from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '@ticketing/common';

export function prettyLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level }, pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname,reqId', translateTime: 'HH:MM:ss', sync: true }));
}
