import type { Command } from '@aws-sdk/client-ssm';
import { commandState, worthPaging } from './poller';

const counts = (c: Command) => new Map([[c.CommandId as string, c]]);
const running = (completed: number, target = 10): Command => ({
  CommandId: 'cmd-1',
  Status: 'InProgress',
  TargetCount: target,
  CompletedCount: completed,
});

describe('Function: worthPaging', () => {
  it('pages every round without status counts', () => {
    const s = commandState('cmd-1');
    expect(worthPaging(s, undefined, 0)).toBe(true);
    expect(worthPaging(s, undefined, 0)).toBe(true);
  });

  it('waits while nodes that can answer are still running', () => {
    const s = commandState('cmd-1');
    expect(worthPaging(s, counts(running(9)), 0)).toBe(false);
    expect(s.roundsSincePass).toBe(1);
  });

  it('does not wait for nodes reported offline that a tag command still targets', () => {
    const s = commandState('cmd-1');
    expect(worthPaging(s, counts(running(8)), 2)).toBe(true);
    expect(s.lastCompleted).toBe(8);
  });

  it('pages a command that has ended, and records that it has', () => {
    const s = commandState('cmd-1');
    expect(worthPaging(s, counts({ ...running(3), Status: 'Success' }), 0)).toBe(true);
    expect(s.terminal).toBe(true);
  });

  it('pages again only when more nodes have ended, or after four rounds of lagging counts', () => {
    const s = commandState('cmd-1');
    expect(worthPaging(s, counts(running(10)), 0)).toBe(true);
    s.roundsSincePass = 0; // what a pass does
    const same = counts(running(10));
    expect([1, 2, 3, 4].map(() => worthPaging(s, same, 0))).toEqual([false, false, false, false]);
    expect(worthPaging(s, same, 0)).toBe(true);
    s.roundsSincePass = 0;
    expect(worthPaging(s, counts(running(10, 11)), 0)).toBe(false);
  });

  it('asks again for a command not listed yet, paging it on the fifth round', () => {
    const s = commandState('cmd-1');
    const other = counts({ ...running(1), CommandId: 'cmd-2' });
    expect([1, 2, 3, 4].map(() => worthPaging(s, other, 0))).toEqual([false, false, false, false]);
    expect(worthPaging(s, other, 0)).toBe(true);
  });

  it('never pages a command whose target count is not known yet', () => {
    const s = commandState('cmd-1');
    expect(worthPaging(s, counts(running(0, 0)), 0)).toBe(false);
  });
});
