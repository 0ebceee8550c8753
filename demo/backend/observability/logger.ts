// The backend's structured JSON logs (pino), every line scrubbed of card data and secrets.
import { pino, type DestinationStream, type Logger } from 'pino';
import { scrubString, scrubValue } from './redaction.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'payframe-reference-backend' },
      // The merged fields of a line: secret keys censored, all strings scrubbed.
      formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
      // The message string is scrubbed too (formatters.log does not see it).
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubString(arg) : arg)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (error: unknown) => scrubValue(error) },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}
