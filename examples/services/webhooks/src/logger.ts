import pino from 'pino';

// Personal fields of webhook payloads are censored by pino before a line is written.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: ['payer.nric', 'payer.phone', '*.email'], censor: '[REDACTED]' },
});
