/**
 * The configuration as a deployed function sees it: COMPLIANCE_BOT_CONFIG holds the configuration validated at deploy
 * time (infra/deploy-config.js) with the stack's bucket and SSM document filled in; COMPLIANCE_BOT_CONFIG_FILE names a
 * local file instead (`serverless invoke local`, tests). The same variables src/slack/runtime.ts reads.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig } from '../config/load';
import type { Config } from '../config/schema';

export function loadDeployedConfig(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): Config {
  if (env.COMPLIANCE_BOT_CONFIG) return parseConfig(env.COMPLIANCE_BOT_CONFIG, 'COMPLIANCE_BOT_CONFIG');
  const file = env.COMPLIANCE_BOT_CONFIG_FILE;
  if (!file) {
    throw new ConfigError(
      'no configuration: set COMPLIANCE_BOT_CONFIG (the configuration text, as serverless.yml does) or COMPLIANCE_BOT_CONFIG_FILE (a file)',
    );
  }
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  return parseConfig(text, file);
}
