import { createLogger } from '../aws/logger';
import { ConfigError, loadConfig, NO_CONFIGURATION } from './config';
import { runWeeklyDigest } from './digest';
import { nightlyDepsFromEnv } from './nightly';
import { buildRuntime } from './runtime';
import { buildSlackHandler } from './slack';
import { buildWorker } from './worker';

const silent = createLogger({}, () => {});

describe('Function: loadConfig', () => {
  it('refuses to start without a configuration, naming both variables, rather than run on built-in defaults', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(NO_CONFIGURATION);
    expect(NO_CONFIGURATION).toMatch(/COMPLIANCE_BOT_CONFIG\b.*COMPLIANCE_BOT_CONFIG_FILE/);
  });

  it('reads the configuration text, or the file named, and says which file it could not read', () => {
    expect(loadConfig({ COMPLIANCE_BOT_CONFIG: 'scope: prod\n' }).scope).toBe('prod');
    expect(loadConfig({ COMPLIANCE_BOT_CONFIG_FILE: '/c.yaml' }, () => 'scope: staging\n').scope).toBe('staging');
    const missing = () => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(() => loadConfig({ COMPLIANCE_BOT_CONFIG_FILE: '/c.yaml' }, missing)).toThrow('cannot read /c.yaml: ENOENT');
  });
});

describe('Every deployed entry point without a configuration', () => {
  it('fails with the same clear error: the runtime, the nightly scan, the worker, the Slack function, the digest', async () => {
    expect(() => buildRuntime({}, 'test')).toThrow(NO_CONFIGURATION);
    await expect(nightlyDepsFromEnv(silent, {})).rejects.toThrow(NO_CONFIGURATION);
    await expect(buildWorker({})).rejects.toThrow(NO_CONFIGURATION);
    await expect(buildSlackHandler({})).rejects.toThrow(NO_CONFIGURATION);
    await expect(runWeeklyDigest({})).rejects.toThrow(NO_CONFIGURATION);
  });
});
