/**
 * The one pino root logger. Request and model-call loggers are children with structured fields
 * (`requestId`, `runId`, `model`). Secrets are redacted by path as a second line of defence; the
 * first is never to log them.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'capgate' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'authorization',
        'apiKey',
        '*.apiKey',
        '*.authorization',
        'headers.authorization',
        'request.headers.authorization',
        'connectionParams.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
