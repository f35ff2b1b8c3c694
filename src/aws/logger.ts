/**
 * Structured JSON logs, one object a line, with persistent keys (scan ID, target) added by child loggers.
 *
 * Built on pino rather than Powertools Logger: the same logger serves the Lambdas, the CLI and the tests, and pino
 * writes to any destination we hand it (an injectable `write`), where Powertools writes through its own Console and
 * assumes a Lambda context. The Lambda context fields Powertools would add (request ID, cold start, function name) are
 * added by the handlers as child bindings (`lambdaFields`). Keys that could carry a secret are redacted as a last line
 * of defence: never log secret contents in the first place.
 */
import pino from 'pino';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field names whose values are never written, at the top level or one level down. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'kubeconfig',
  'privateKey',
  'client_secret',
];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`]);

export interface LoggerOptions {
  /** Lowest level written (default: LOG_LEVEL from the environment, else info). */
  level?: LogLevel;
}

function levelFromEnv(): LogLevel {
  const v = (process.env.LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? '').toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : 'info';
}

function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out: LogFields = { name: err.name, message: err.message };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out.code = code;
  if (err.cause instanceof Error) out.cause = { name: err.cause.name, message: err.cause.message };
  return out;
}

function wrap(p: pino.Logger): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (!p.isLevelEnabled(level)) return;
      if (fields && fields.error !== undefined) p[level]({ ...fields, error: serializeError(fields.error) }, message);
      else p[level](fields ?? {}, message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(p.child(fields)),
  };
}

export function createLogger(
  base: LogFields = {},
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  options: LoggerOptions = {},
): Logger {
  const destination = {
    write(chunk: string) {
      write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk);
    },
  };
  const p = pino(
    {
      level: options.level ?? levelFromEnv(),
      base: null,
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  return wrap(Object.keys(base).length > 0 ? p.child(base) : p);
}

/** The Lambda context fields every line of an invocation carries. */
export function lambdaFields(
  context: { awsRequestId?: string; functionName?: string } | undefined,
  coldStart: boolean,
): LogFields {
  const fields: LogFields = { coldStart };
  if (context?.awsRequestId) fields.requestId = context.awsRequestId;
  if (context?.functionName) fields.function = context.functionName;
  const trace = process.env._X_AMZN_TRACE_ID;
  if (trace) fields.xrayTraceId = trace.split(';')[0]?.replace(/^Root=/, '');
  return fields;
}
