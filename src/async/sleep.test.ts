import { sleep } from './sleep';

describe('Function: sleep', () => {
  it('resolves after a wait', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });

  it('returns at once when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    // A day-long wait would time the test out if the signal were ignored.
    await expect(sleep(86_400_000, ac.signal)).resolves.toBeUndefined();
  });

  it('ends the wait, without an error, when the signal is aborted during it', async () => {
    const ac = new AbortController();
    const waiting = sleep(86_400_000, ac.signal);
    ac.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
