'use strict';
/**
 * Deploy-time view of the configuration: serverless.yml resolves `${file(infra/deploy-config.js):...}` through this
 * module. It reads the configuration file named by the stage parameter `configFile`, validates it with the same zod
 * schema the Lambdas use (src/config/load.ts, bundled on the fly with esbuild), and derives what the stack needs:
 * the schedules, the exact IAM resources (clusters, parameters, secrets, host tags) and the YAML stored in the
 * configuration parameter. A deployment with an invalid configuration fails here, before anything reaches AWS.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

let loader;
function loadModule() {
  if (!loader) {
    const { bundle } = require('../bin/run-ts.js');
    loader = require(bundle('src/config/load.ts'));
  }
  return loader;
}

/** Reads and validates the configuration file; a missing file gives the defaults (nothing to scan yet). */
function readConfig(file) {
  const abs = path.resolve(ROOT, file);
  const { parseConfig } = loadModule();
  if (!fs.existsSync(abs)) {
    return { config: parseConfig('{}', file), raw: {}, text: '{}\n', found: false, file: abs };
  }
  const text = fs.readFileSync(abs, 'utf8');
  const config = parseConfig(text, file);
  // The file as written (defaults not spelled out): what the functions receive, validated again there.
  const raw = require('yaml').parse(text) ?? {};
  return { config, raw, text, found: true, file: abs };
}

const EVENTBRIDGE_CRON = /^cron\((\S+ ){5}\S+\)$|^rate\(\d+ (minute|minutes|hour|hours|day|days)\)$/;
const TIME_ZONE = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/;

function checkSchedule(label, cron, timezone) {
  if (!EVENTBRIDGE_CRON.test(cron)) {
    throw new Error(
      `${label}: "${cron}" is not an EventBridge Scheduler expression; use cron(min hour day-of-month month day-of-week year), e.g. cron(0 2 * * ? *)`,
    );
  }
  if (!TIME_ZONE.test(timezone))
    throw new Error(`${label}: "${timezone}" is not an IANA time zone such as Europe/Paris`);
  return { cron, timezone };
}

/**
 * What the IAM policies need from the configuration, in plain data (infra/iam.js turns it into statements).
 * Regions default to the stack's region (null).
 */
function iamScope(config, { local = false } = {}) {
  const eksClusters = [];
  const parameters = new Set();
  const secrets = new Set();
  for (const c of config.clusters) {
    if (c.eks) eksClusters.push({ name: c.eks.name, region: c.eks.region });
    if (c.kubeconfig?.parameter) parameters.add(c.kubeconfig.parameter);
    if (c.kubeconfig?.secret) secrets.add(c.kubeconfig.secret);
    if (c.kubeconfig?.file && !local) {
      throw new Error(
        `clusters.${c.name}: kubeconfig.file cannot be read by a Lambda; store the kubeconfig in an SSM SecureString (kubeconfig.parameter) or a Secrets Manager secret (kubeconfig.secret)`,
      );
    }
    if (c.kubeconfig?.inCluster && !local) {
      throw new Error(`clusters.${c.name}: kubeconfig.inCluster is for a scanner running as a Pod, not for Lambda`);
    }
  }
  const hostGroups = [];
  for (const g of config.hostGroups) {
    if (!g.ssm) {
      if (local) continue;
      throw new Error(
        `hostGroups.${g.name}: only ssm host groups can be scanned from Lambda (local and hostRoot are for the CLI)`,
      );
    }
    hostGroups.push({
      name: g.name,
      region: g.ssm.region ?? null,
      tags: g.ssm.tags ?? null,
      instanceIds: g.ssm.instanceIds ?? null,
    });
  }
  const slack = config.slack;
  return {
    eksClusters,
    kubeconfigParameters: [...parameters].sort(),
    kubeconfigSecrets: [...secrets].sort(),
    hostGroups,
    slackParameters: {
      botToken: slack?.botTokenParameter ?? '/compliance-bot/slack/bot-token',
      signingSecret: slack?.signingSecretParameter ?? '/compliance-bot/slack/signing-secret',
    },
  };
}

/** Lambda keeps at most 4 KB of environment in all; the configuration gets most of it. */
const MAX_CONFIG_BYTES = 3_300;

/**
 * The configuration the functions receive in COMPLIANCE_BOT_CONFIG: the validated file as compact JSON, with the
 * store and the SSM locations replaced by the stack's own bucket and document (CloudFormation substitutes
 * `${Bucket}` and `${Document}`, so a configuration cannot point a function at a bucket its role may not touch).
 * JSON is YAML, so the functions parse it with the same parseConfig.
 */
/** CloudFormation Fn::Sub variables (built so that no linter mistakes them for template literals). */
const CFN_BUCKET = '$' + '{Bucket}';
const CFN_DOCUMENT = '$' + '{Document}';

function deployedConfig(config, raw = config) {
  const deployed = {
    ...raw,
    // Every snapshot series of a deployment lives under its scope, so the lifecycle rule can expire them without
    // touching the waiver document or the delivery markers (see snapshotSeriesPrefix).
    scope: seriesScope(config),
    store: {
      type: 's3',
      bucket: CFN_BUCKET,
      prefix: 'snapshots/',
      ...(config.store.type === 's3' && config.store.kmsKeyId ? { kmsKeyId: config.store.kmsKeyId } : {}),
    },
    ssm: { ...(raw.ssm ?? {}), outputBucket: CFN_BUCKET, outputPrefix: 'ssm-output/', documentName: CFN_DOCUMENT },
  };
  // Fn::Sub would read any other "${" of the text as a variable: "${!" is its escape for a literal "${".
  const text = JSON.stringify(deployed).replace(/\$\{(?!Bucket\}|Document\})/g, '${!');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) {
    throw new Error(
      `the configuration is ${bytes} bytes as JSON; the Lambda environment holds ${MAX_CONFIG_BYTES} for it (4 KB in all): remove defaults you repeat, or split the fleet across stages`,
    );
  }
  return text;
}

/** The deployment's scope: the configuration's, or `default` (scan scopes are `<scope>/cluster/NAME`, …). */
function seriesScope(config) {
  return config.scope ?? 'default';
}

/** Everything serverless.yml takes from the configuration, for one configuration file and optional overrides. */
function derive(file, overrides = {}, { local = false } = {}) {
  const { config, raw, text, found } = readConfig(file);
  const nightly = checkSchedule(
    'schedules.nightly',
    overrides.nightlyCron || config.schedules.nightly.cron,
    overrides.nightlyTimezone || config.schedules.nightly.timezone,
  );
  const digest = checkSchedule(
    'schedules.digest',
    overrides.digestCron || config.schedules.digest.cron,
    overrides.digestTimezone || config.schedules.digest.timezone,
  );
  if (seriesScope(config) === 'markers') {
    throw new Error('scope: "markers" is reserved (the Slack delivery markers live under snapshots/markers/)');
  }
  return {
    found,
    configText: text,
    deployedConfig: deployedConfig(config, raw),
    /**
     * COMPLIANCE_BOT_CONFIG as serverless.yml sets it: the deployed configuration (CloudFormation fills in the bucket
     * and the document), or, for `serverless invoke local` (stage parameter invokeLocal=true), the file as written,
     * local store and kubeconfig files included, because invoke local cannot evaluate CloudFormation functions.
     */
    configEnv: local
      ? text
      : {
          'Fn::Sub': [
            deployedConfig(config, raw),
            { Bucket: { Ref: 'SnapshotBucket' }, Document: { Ref: 'HostProbeDocument' } },
          ],
        },
    /** Where the snapshot series of this configuration live in the bucket (expired by the lifecycle rule). */
    snapshotSeriesPrefix: `snapshots/${seriesScope(config)}/`,
    schedules: { nightly, digest },
    iam: iamScope(config, { local }),
    documentName: config.ssm.documentName,
  };
}

/**
 * A stage parameter as serverless resolves it: `--param="key=value"` on the command line, then `params.<stage>`, then
 * `params.default` of serverless.yml. (Resolved here because `param:` variables are not available to file resolvers.)
 */
async function stageParam({ options, resolveVariable, resolveConfigurationProperty }, key) {
  for (const entry of [].concat(options?.param ?? [])) {
    const at = String(entry).indexOf('=');
    if (at > 0 && String(entry).slice(0, at) === key) return String(entry).slice(at + 1);
  }
  const stage = String(await resolveVariable('sls:stage'));
  const params = (await resolveConfigurationProperty(['params'])) ?? {};
  for (const block of [params[stage], params.default]) {
    if (block && Object.hasOwn(block, key)) {
      const v = block[key];
      return v === null || v === undefined ? '' : String(v);
    }
  }
  return '';
}

const cache = new Map();

/** The serverless variable resolver: `${file(infra/deploy-config.js):schedules.nightly.cron}` and the like. */
async function resolve(api) {
  const param = (key) => stageParam(api, key);
  const file = (await param('configFile')) || 'compliance-bot.config.yaml';
  const overrides = {
    nightlyCron: await param('nightlyCron'),
    nightlyTimezone: await param('nightlyTimezone'),
    digestCron: await param('digestCron'),
    digestTimezone: await param('digestTimezone'),
  };
  const local = (await param('invokeLocal')) === 'true';
  if (local && process.argv.includes('deploy')) {
    throw new Error('invokeLocal=true is for `serverless invoke local` only: it would deploy local paths');
  }
  const key = JSON.stringify([file, overrides, local]);
  if (!cache.has(key)) cache.set(key, derive(file, overrides, { local }));
  return cache.get(key);
}

module.exports = resolve;
module.exports.derive = derive;
module.exports.iamScope = iamScope;
module.exports.checkSchedule = checkSchedule;
module.exports.stageParam = stageParam;
module.exports.deployedConfig = deployedConfig;
