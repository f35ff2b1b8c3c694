import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { errorMessage } from '../core/errors';
import { parserReason, positionOf } from '../core/parse-errors';
import { type Cleaned, cleanUntrusted } from '../core/safe-object';
import { type Config, configSchema } from './schema';

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** Parses and validates configuration text; the error names every wrong key and what is expected. */
export function parseConfig(text: string, source = 'configuration'): Config {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // By position only: the parser's pretty message quotes the lines around the error, which may hold a token.
    const e = doc.errors[0];
    const { line, column } = positionOf(text, e.pos[0]);
    const at = ` at line ${line}, column ${column}`;
    throw new ConfigError(`${source}: invalid YAML${at}: ${parserReason(e.message)}`);
  }
  // A key such as __proto__ would reach the prototype of the objects built from this file (records are plain
  // objects): refused, never silently dropped, so the file means what it says.
  let cleaned: Cleaned<unknown>;
  try {
    cleaned = cleanUntrusted(doc.toJS() ?? {});
  } catch (err) {
    // An alias bomb (the parser's alias limit) or an alias inside the node it names (data that contains itself).
    throw new ConfigError(`${source}: unreadable YAML: ${parserReason(errorMessage(err))}`);
  }
  const { value: raw, dropped } = cleaned;
  if (dropped.length > 0) {
    throw new ConfigError(
      `${source}: ${dropped[0]}: the key "${dropped[0].split('.').pop()}" is not allowed in a configuration file`,
    );
  }
  return validateConfig(raw, source);
}

export function validateConfig(raw: unknown, source = 'configuration'): Config {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${source} is not valid:\n${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const path =
        i.path.length > 0
          ? i.path
              .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
              .join('')
              .replace(/^\./, '')
          : '(top level)';
      return `  - ${path}: ${i.message}`;
    })
    .join('\n');
}

/** Reads a configuration file; a missing default file gives the defaults. */
export function loadConfigFile(path: string | undefined): Config {
  if (!path) return configSchema.parse({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `cannot read configuration file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return parseConfig(text, path);
}
