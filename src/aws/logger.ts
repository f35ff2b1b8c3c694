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
import { REDACTED, redactSecrets } from '../core/redact';

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

/** Field names whose values are never written, at the top level or one level down (pino's own redaction). */
const SECRET_KEYS = [
  'token',
  'botToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'kubeconfig',
  'privateKey',
  'client_secret',
  'accessToken',
  'sessionToken',
  'secretAccessKey',
  'client-key-data',
  'cookie',
];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const p = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `["${k}"]`;
  return [p, `*.${p}`];
});
/** The same names at any depth, any case (headers nested in an SDK error, a request config). */
const SECRET_KEY =
  /^(?:.*token|.*password|.*secret|authorization|proxy-authorization|cookie|set-cookie|kubeconfig|private_?key|client-key-data|x-amz-security-token)$/i;
const MAX_DEPTH = 8;

/** Field values with credential shapes masked and secret-named keys dropped, at any depth. */
function maskFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => maskFields(v, depth + 1));
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value as LogFields)) {
    out[k] =
      SECRET_KEY.test(k) && v !== undefined && v !== null && typeof v !== 'boolean'
        ? REDACTED
        : maskFields(v, depth + 1);
  }
  return out;
}

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
      const all = fields && fields.error !== undefined ? { ...fields, error: serializeError(fields.error) } : fields;
      p[level]((all ? maskFields(all) : {}) as LogFields, redactSecrets(message));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(p.child(maskFields(fields) as LogFields)),
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
