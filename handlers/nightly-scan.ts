/**
 * The nightly scan: the tasks of the nightly run's state machine (src/app/run-steps.ts), or, for `serverless invoke
 * local` and a direct invocation, the whole run in-process with the same plan and fan-in (src/app/nightly.ts).
 */
import {
  createNightlyHandler,
  type LambdaContextLike,
  type NightlyOutcome,
  nightlyDepsFromEnv,
} from '../src/app/nightly';
import { createRunStepHandler, isRunStepEvent, type RunStepEvent, runStepDepsFromEnv } from '../src/app/run-steps';

export {
  createNightlyHandler,
  type NightlyDeps,
  type NightlyOutcome,
  type Publisher,
  parseNightlyEvent,
  planNightly,
} from '../src/app/nightly';

const nightly = createNightlyHandler((log) => nightlyDepsFromEnv(log));
const steps = createRunStepHandler((log, context) => runStepDepsFromEnv(log, context));

/** A state machine task (an event with `step`: src/app/run-steps.ts), or the whole run in this invocation. */
export function handler(event: RunStepEvent, context?: LambdaContextLike): Promise<unknown>;
export function handler(event: unknown, context?: LambdaContextLike): Promise<NightlyOutcome>;
export function handler(event: unknown, context?: LambdaContextLike): Promise<unknown> {
  return isRunStepEvent(event) ? steps(event, context) : nightly(event, context);
}
