import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfigFile } from '../config/load';
import type { Config } from '../config/schema';

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
  return { config: loadConfigFile(file), baseDir: dirname(file) };
}
