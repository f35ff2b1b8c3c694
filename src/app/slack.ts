/**
 * The Slack function's wiring (POST /slack/events: the `/compliance` command, the "Explain" and "Waive…" buttons and
 * the waiver modal): secrets from SSM, stores, markers, and the Lambda client that starts the worker, created on the
 * first scan request. Bolt's AwsLambdaReceiver verifies the signature and timestamp.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { lambdaSdk, lazyClient } from '../aws/sdk';
import { createSlackApp, type LambdaHttpHandler } from '../slack/app';
import { cachedMembers } from '../slack/authorize';
import { createWebClient } from '../slack/delivery';
import { cachedGuestLookup } from '../slack/guests';
import { lambdaDispatch } from '../slack/jobs';
import { rateLimiter } from '../slack/ratelimit';
import { allChecks, findCheck } from './checks';
import { requireEnv, slackSection } from './config';
import { buildRuntime } from './runtime';

export type { LambdaHttpHandler };

export async function buildSlackHandler(
  env: NodeJS.ProcessEnv,
  clients: { ssm?: SSMClient; lambda?: LambdaClient; now?: () => number } = {},
): Promise<LambdaHttpHandler> {
  const now = clients.now ?? Date.now;
  const rt = buildRuntime(env, 'slack', { ssm: clients.ssm });
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
      findCheck: (id) => findCheck(id) ?? allChecks.find((c) => c.id === id),
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
