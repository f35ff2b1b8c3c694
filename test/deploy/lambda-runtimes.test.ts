/**
 * infra/lambda-runtimes.js, the local serverless plugin named in serverless.yml: it adds nodejs22.x to the
 * framework's list of Lambda runtimes and nothing else (test/deploy/package.test.ts runs the real framework).
 */
const LambdaRuntimes = require('../../infra/lambda-runtimes.js') as new (serverless: unknown) => unknown;

const withRuntimes = (runtimes: string[]) => ({
  configSchemaHandler: { schema: { definitions: { awsLambdaRuntime: { enum: runtimes } } } },
});

describe('infra/lambda-runtimes.js', () => {
  it('adds nodejs22.x to the runtimes the schema allows, once, and leaves the others', () => {
    const serverless = withRuntimes(['nodejs18.x', 'nodejs20.x']);
    new LambdaRuntimes(serverless);
    new LambdaRuntimes(serverless);
    expect(serverless.configSchemaHandler.schema.definitions.awsLambdaRuntime.enum).toEqual([
      'nodejs18.x',
      'nodejs20.x',
      'nodejs22.x',
    ]);
  });

  it('refuses to guess when the schema has no list of runtimes', () => {
    expect(() => new LambdaRuntimes({ configSchemaHandler: { schema: { definitions: {} } } })).toThrow(
      /no list of Lambda runtimes; remove this plugin/,
    );
  });
});
