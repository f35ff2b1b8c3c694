/**
 * POST /slack/events: the Slack function (src/app/slack.ts), built once per container and handed each event. A
 * failed start (SSM throttled…) is built again on the next request.
 */
import { perContainer } from '../src/app/runtime';
import { buildSlackHandler, type LambdaHttpHandler } from '../src/app/slack';

export { buildSlackHandler } from '../src/app/slack';

const slack = perContainer(() => buildSlackHandler(process.env));

export async function handler(event: Parameters<LambdaHttpHandler>[0], context: Parameters<LambdaHttpHandler>[1]) {
  return (await slack.get())(event, context);
}

/** For tests: forget the built handler (a new configuration in process.env). */
export function resetForTests(): void {
  slack.reset();
}
