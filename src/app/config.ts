/**
 * Environment -> configuration, the one rule for every deployed entry point (Lambda handlers, `serverless invoke
 * local`): COMPLIANCE_BOT_CONFIG holds the configuration text (validated at deploy time by infra/deploy-config.js,
 * with the stack's bucket and SSM document filled in), or COMPLIANCE_BOT_CONFIG_FILE names a file. Without either,
 * the function fails with a clear error: a deployed scanner never runs on built-in defaults (a local store, no
 * targets) that would look like a clean, empty deployment. docs/deploy.md lists the environment.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig } from '../config/load';
import type { Config } from '../config/schema';
import type { CheckOptions } from '../core/model';

export { ConfigError };

export const NO_CONFIGURATION =
  'no configuration: set COMPLIANCE_BOT_CONFIG (the configuration text, as serverless.yml does) or COMPLIANCE_BOT_CONFIG_FILE (a file)';

/** A function that cannot start: a missing or malformed environment variable or configuration section. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

export function loadConfig(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): Config {
  if (env.COMPLIANCE_BOT_CONFIG) return parseConfig(env.COMPLIANCE_BOT_CONFIG, 'COMPLIANCE_BOT_CONFIG');
  const file = env.COMPLIANCE_BOT_CONFIG_FILE;
  if (!file) throw new ConfigError(NO_CONFIGURATION);
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  return parseConfig(text, file);
}

export function requireEnv(env: NodeJS.ProcessEnv, name: string, pattern: RegExp): string {
  const v = env[name];
  if (!v || !pattern.test(v)) throw new SetupError(`environment variable ${name} is missing or malformed`);
  return v;
}

export function checkOptions(config: Config): CheckOptions {
  return {
    excludedNamespaces: config.checks.excludedNamespaces,
    excludeSystemRbac: config.checks.excludeSystemRbac,
    certExpiryDays: config.checks.certExpiryDays,
    ...(config.checks.ssmAgentMinVersion ? { ssmAgentMinVersion: config.checks.ssmAgentMinVersion } : {}),
    reach: config.checks.reach,
  };
}

/** The configuration's `slack` section, which the Slack functions cannot start without. */
export function slackSection(config: Config): NonNullable<Config['slack']> {
  if (!config.slack) throw new SetupError('the configuration has no `slack` section');
  return config.slack;
}
