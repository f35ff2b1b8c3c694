/**
 * The nightly scan (EventBridge Scheduler, or `serverless invoke local`): every configured scope scanned, posted to
 * Slack and stored by the one scan loop (src/app/nightly.ts, src/app/scan-scopes.ts).
 */
import { createNightlyHandler, nightlyDepsFromEnv } from '../src/app/nightly';

export {
  createNightlyHandler,
  type NightlyDeps,
  type NightlyOutcome,
  type Publisher,
  parseNightlyEvent,
  planNightly,
} from '../src/app/nightly';

export const handler = createNightlyHandler((log) => nightlyDepsFromEnv(log));
