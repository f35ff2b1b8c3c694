'use strict';
/**
 * Source maps in the Lambda packages: off unless the stage parameter `sourceMaps` is `true`.
 *
 * A map is larger than the minified code it maps (1.5 MB beside a 1.1 MB bundle), and with `--enable-source-maps`
 * Node reads and parses it while the module loads, so every cold start pays for it. With the parameter on, each
 * bundle ships its `.map` and NODE_OPTIONS turns on `--enable-source-maps`, so stack traces in the logs name the
 * TypeScript files and lines. serverless.yml reads `${file(infra/source-maps.js):sourcemap}` and `...:nodeOptions`.
 */
const { stageParam } = require('./deploy-config');

/** The settings for a value of the `sourceMaps` parameter; anything but true/false is refused. */
function sourceMapSettings(value) {
  const v = String(value ?? '').trim();
  if (v !== 'true' && v !== 'false' && v !== '') {
    throw new Error(`the sourceMaps parameter must be true or false, not "${v.slice(0, 40)}"`);
  }
  const on = v === 'true';
  return { enabled: on, sourcemap: on, nodeOptions: on ? '--enable-source-maps' : '' };
}

/** The serverless variable resolver. */
async function resolve(api) {
  return sourceMapSettings(await stageParam(api, 'sourceMaps'));
}

module.exports = resolve;
module.exports.sourceMapSettings = sourceMapSettings;
