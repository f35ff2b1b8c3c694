// Jest transform for text assets (the host probe script): the same `import probe from './probe.sh'` that esbuild's
// text loader bundles into the CLI and the Lambda functions.
module.exports = {
  process(src) {
    return { code: `module.exports = ${JSON.stringify(src)}; module.exports.default = module.exports;` };
  },
};
