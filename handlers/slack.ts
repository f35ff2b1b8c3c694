/**
 * POST /slack/events: the `/compliance` command, the "Explain" and "Waive…" buttons and the waiver modal.
 * Thin: builds the dependencies once per container (secrets from SSM, stores, Lambda client) and hands the event
 * to Bolt's AwsLambdaReceiver, which verifies the signature and timestamp.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { checks, findCheck } from '../checks';
import { lambdaSdk, lazyClient } from '../src/aws/sdk';
import { createSlackApp, type LambdaHttpHandler } from '../src/slack/app';
import { cachedMembers } from '../src/slack/authorize';
import { createWebClient } from '../src/slack/delivery';
import { cachedGuestLookup } from '../src/slack/guests';
import { lambdaDispatch } from '../src/slack/jobs';
import { rateLimiter } from '../src/slack/ratelimit';
import { buildRuntime, requireEnv, slackSection } from '../src/slack/runtime';

type Event = Parameters<LambdaHttpHandler>[0];
type Context = Parameters<LambdaHttpHandler>[1];

export async function buildSlackHandler(
  env: NodeJS.ProcessEnv,
  clients: { ssm?: SSMClient; lambda?: LambdaClient; now?: () => number } = {},
): Promise<LambdaHttpHandler> {
  const now = clients.now ?? Date.now;
  const rt = buildRuntime(env, 'slack', clients);
  const slack = slackSection(rt.config);
  const [botToken, signingSecret] = await Promise.all([
    rt.secrets.get(slack.botTokenParameter),
    rt.secrets.get(slack.signingSecretParameter),
  ]);
  const web = createWebClient(botToken, { slackApiUrl: rt.slackApiUrl, logger: rt.logger, timeoutMs: 2_000 });
  const fn = requireEnv(env, 'SCAN_WORKER_FUNCTION', /^[A-Za-z0-9_:.-]{1,170}$/);
  const { handler } = createSlackApp(
    {
      signingSecret,
      botToken,
      botId: requireEnv(env, 'SLACK_BOT_ID', /^B[A-Z0-9]+$/),
      botUserId: requireEnv(env, 'SLACK_BOT_USER_ID', /^[UW][A-Z0-9]+$/),
      slackApiUrl: rt.slackApiUrl,
      logger: rt.logger,
    },
    {
      config: rt.config,
      // Created on the first scan request: most commands never invoke the worker.
      dispatch: lambdaDispatch(
        clients.lambda ?? lazyClient<LambdaClient>(() => new (lambdaSdk().LambdaClient)({})),
        fn,
      ),
      markers: rt.markers,
      logger: rt.logger,
      findCheck: (id) => findCheck(id) ?? checks.find((c) => c.id === id),
      members: cachedMembers(async (usergroup) => (await web.usergroups.users.list({ usergroup })).users ?? []),
      isGuest: cachedGuestLookup(async (user) => (await web.users.info({ user })).user, undefined, now),
      rateLimit: rateLimiter(
        rt.markers,
        {
          windowMs: slack.rateLimit.windowMinutes * 60_000,
          perUser: slack.rateLimit.perUser,
          perWorkspace: slack.rateLimit.perWorkspace,
        },
        now,
      ),
      now,
    },
  );
  return handler;
}

let ready: Promise<LambdaHttpHandler> | null = null;

export async function handler(event: Event, context: Context) {
  ready ??= buildSlackHandler(process.env);
  let h: LambdaHttpHandler;
  try {
    h = await ready;
  } catch (err) {
    ready = null; // a failed start (SSM throttled…) is retried on the next request
    throw err;
  }
  return h(event, context);
}

/** For tests: forget the built handler (a new configuration in process.env). */
export function resetForTests(): void {
  ready = null;
}
