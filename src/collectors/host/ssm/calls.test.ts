import { backoffMs } from '../../../async/backoff';
import { isThrottle, THROTTLE_BACKOFF, ThrottledCalls } from './calls';
import { Deadline, DeadlineError } from './deadline';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

/** A clock that the calls' sleeps advance. */
function setup(budgetMs: number, maxAttempts = 8) {
  let now = 0;
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const deadline = new Deadline({
    remainingMs: () => budgetMs - now,
    marginMs: 0,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  });
  const calls = new ThrottledCalls(deadline, { maxAttempts, random: () => 0.5, warn: (m) => warnings.push(m) });
  return { calls, sleeps, warnings, advance: (ms: number) => (now += ms) };
}

describe('Function: isThrottle', () => {
  it.each([
    ['ThrottlingException', true],
    ['TooManyRequestsException', true],
    ['ThrottledException', true],
    ['AccessDeniedException', false],
  ])('%s is throttling: %s', (name, expected) => {
    expect(isThrottle(Object.assign(new Error('x'), { name }))).toBe(expected);
  });

  it('takes the SDK mark of a retryable throttling error', () => {
    expect(isThrottle({ name: 'Whatever', $retryable: { throttling: true } })).toBe(true);
  });
});

describe('Class: ThrottledCalls', () => {
  it('retries a throttled call with doubling backoff, warning each time', async () => {
    const { calls, sleeps, warnings } = setup(600_000);
    let n = 0;
    const res = await calls.call('ListCommands', async () => {
      if (n++ < 3) throw throttled();
      return 'ok';
    });
    expect(res).toBe('ok');
    expect(sleeps).toEqual([150, 300, 600]);
    expect(sleeps).toEqual([0, 1, 2].map((a) => backoffMs(a, THROTTLE_BACKOFF, () => 0.5)));
    expect(warnings).toEqual([
      'ListCommands throttled, retrying in 150 ms',
      'ListCommands throttled, retrying in 300 ms',
      'ListCommands throttled, retrying in 600 ms',
    ]);
  });

  it('gives up after maxAttempts, with the last error', async () => {
    const { calls } = setup(600_000, 3);
    let n = 0;
    const fail = async () => {
      n++;
      throw throttled();
    };
    await expect(calls.call('DescribeInstanceInformation', fail)).rejects.toThrow('Rate exceeded');
    expect(n).toBe(3);
  });

  it('never retries other errors', async () => {
    const { calls, sleeps } = setup(600_000);
    let n = 0;
    const denied = async () => {
      n++;
      throw Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    };
    await expect(calls.call('SendCommand', denied)).rejects.toThrow('no');
    expect(n).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('refuses a wait that would end past the deadline, without waiting', async () => {
    const { calls, sleeps } = setup(400);
    let n = 0;
    const fn = async () => {
      n++;
      throw throttled();
    };
    // 150 ms fits in 400, 300 ms does not fit in the 250 left.
    await expect(calls.call('ListCommandInvocations', fn)).rejects.toBeInstanceOf(DeadlineError);
    expect(sleeps).toEqual([150]);
    expect(n).toBe(2);
  });

  it('calls nothing once the stop condition holds', async () => {
    const { calls } = setup(600_000);
    const fn = jest.fn(async () => 'x');
    await expect(calls.call('GetObject', fn, () => true)).rejects.toBeInstanceOf(DeadlineError);
    expect(fn).not.toHaveBeenCalled();
  });

  it('measures the mean time of SSM calls, not of S3 reads', async () => {
    const { calls, advance } = setup(600_000);
    expect(calls.meanCallMs()).toBe(0);
    await calls.call('ListCommands', async () => advance(100));
    await calls.call('ListCommands', async () => advance(300));
    await calls.call('GetObject', async () => advance(5_000));
    expect(calls.meanCallMs()).toBe(200);
  });
});
