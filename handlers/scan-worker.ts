/**
 * The worker Lambda, invoked asynchronously by the Slack handler (src/app/worker.ts). Errors are rethrown so Lambda
 * retries the event and then sends it to the on-failure destination; a job already done is skipped.
 */
import { perContainer } from '../src/app/runtime';
import { buildWorker, type WorkerOutcome } from '../src/app/worker';

export { buildWorker, type WorkerOverrides } from '../src/app/worker';

const worker = perContainer(() => buildWorker(process.env));

export async function handler(event: unknown): Promise<WorkerOutcome> {
  try {
    return await (await worker.get())(event);
  } catch (err) {
    // Built again on the next event: a rotated bot token or a fixed configuration is read afresh.
    worker.reset();
    throw err;
  }
}
