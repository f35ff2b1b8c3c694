/**
 * Structured JSON logs, one object a line, with persistent keys (scan ID, target) added by child loggers.
 * Never log secret contents.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(
  base: LogFields = {},
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) => {
    const entry: LogFields = { level, time: new Date().toISOString(), message, ...base, ...fields };
    if (entry.error instanceof Error) entry.error = { name: entry.error.name, message: entry.error.message };
    write(JSON.stringify(entry));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger({ ...base, ...fields }, write),
  };
}
