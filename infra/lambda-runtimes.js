'use strict';
/**
 * A local serverless plugin: serverless 3.40.0's configuration schema lists the Lambda runtimes it knew when it was
 * released, before nodejs22.x (generally available in AWS Lambda since November 2024), so it warned that
 * `provider.runtime: nodejs22.x` is invalid. This adds that one runtime to the schema's list and leaves every other
 * rule of the validation as it is (configValidationMode is not relaxed). When the framework lists nodejs22.x itself
 * the plugin changes nothing; when the schema no longer has the list, it says so rather than guess.
 */
const RUNTIMES = ['nodejs22.x'];

class LambdaRuntimes {
  constructor(serverless) {
    const runtimes = serverless.configSchemaHandler?.schema?.definitions?.awsLambdaRuntime?.enum;
    if (!Array.isArray(runtimes)) {
      throw new Error(
        'infra/lambda-runtimes.js: the serverless configuration schema has no list of Lambda runtimes; remove this plugin from serverless.yml if the framework knows nodejs22.x',
      );
    }
    for (const runtime of RUNTIMES) if (!runtimes.includes(runtime)) runtimes.push(runtime);
  }
}

module.exports = LambdaRuntimes;
