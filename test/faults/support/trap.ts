/**
 * A process-level trap: an unhandled rejection or uncaught exception anywhere in a scenario fails that scenario
 * (the promise "the run ends with a clear message, never an unhandled rejection").
 */
const seen: unknown[] = [];
(globalThis as { __faultsUnhandled?: unknown[] }).__faultsUnhandled = seen;
let current: unknown[] = [];

const onRejection = (reason: unknown) => {
  seen.push(reason);
  current.push(reason);
};
process.on('unhandledRejection', onRejection);
process.on('uncaughtException', onRejection);

beforeEach(() => {
  current = [];
});

afterEach(async () => {
  // Let rejections of the test's last turn surface before judging.
  await new Promise((r) => setImmediate(r));
  const found = current;
  current = [];
  if (found.length > 0) {
    const text = found.map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))).join('; ');
    throw new Error(`unhandled rejection during the scenario: ${text}`);
  }
});

afterAll(() => {
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onRejection);
});
