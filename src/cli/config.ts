import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfigFile } from '../config/load';
import type { Config } from '../config/schema';
import { UsageError } from './errors';

export const DEFAULT_CONFIG_FILE = 'compliance-bot.config.yaml';

export interface LoadedConfig {
  config: Config;
  /** What relative paths of the configuration resolve against: the file's folder, else the cwd. */
  baseDir: string;
}

/**
 * The configuration of a CLI command: `--config FILE` (which must exist), else ./compliance-bot.config.yaml when
 * present, else the defaults. A broken file throws ConfigError naming what to fix.
 */
export function loadCliConfig(cwd: string, path: string | undefined): LoadedConfig {
  const file = resolve(cwd, path ?? DEFAULT_CONFIG_FILE);
  if (path === undefined && !existsSync(file)) return { config: loadConfigFile(undefined), baseDir: cwd };
  if (path !== undefined && !existsSync(file)) {
    throw new UsageError(
      `--config ${path.slice(0, 200)}: no such file; give the path of a configuration file (compliance-bot.config.example.yaml is one to start from)`,
    );
  }
  return { config: loadConfigFile(file), baseDir: dirname(file) };
}
