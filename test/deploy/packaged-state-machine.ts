/**
 * The nightly run's state machine as `serverless package` produces it (offline: no credentials, no network): the
 * packaged template's resources, and the definition with the nightly function's ARN put in, as CloudFormation does
 * with DefinitionSubstitutions at deploy time. Importing this module also makes aws-local-stepfunctions runnable on
 * the project's Node 20.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyService, serverless } from './sls';

// aws-local-stepfunctions 3 targets Node 22 and uses Promise.withResolvers (ES2024); the project supports Node 20.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
export type Json = any;

/** The nightly function's ARN in a test account (what `${NightlyFunctionArn}` becomes at deploy time). */
export const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:compliance-bot-ci-nightlyScan';

export interface PackagedStateMachine {
  /** The Resources of the packaged CloudFormation template. */
  resources: Json;
  /** The state machine's definition, substitutions made. */
  definition: Json;
  /** The names the definition substitutes at deploy time. */
  substitutions: string[];
}

/** `serverless package` of the service (stage `ci`, the deploy fixture configuration) in a temporary copy. */
export async function packageStateMachine(): Promise<PackagedStateMachine> {
  const copy = copyService();
  try {
    const out = join(copy.dir, 'out');
    await serverless(copy.dir, [
      'package',
      '--stage',
      'ci',
      '--param=configFile=test/deploy/fixtures/config.yaml',
      '--package',
      out,
    ]);
    const resources = JSON.parse(
      readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8'),
    ).Resources;
    const sm = resources.NightlyRunStateMachine.Properties;
    const definition = JSON.parse(JSON.stringify(sm.Definition).replaceAll(`\${NightlyFunctionArn}`, FUNCTION_ARN));
    return { resources, definition, substitutions: Object.keys(sm.DefinitionSubstitutions ?? {}) };
  } finally {
    copy.remove();
  }
}
