import type { HostStat } from '../../src/core/facts/host';
import { modeFindings } from './os-helpers';

const target = { name: 'node-1', kind: 'host' as const };
const RULE = { forbidden: 0o077, expected: '600 or stricter', risk: 'anyone on the host reads it' };
const run = (f: HostStat) => modeFindings([f], target, () => RULE)[0];

describe('modeFindings', () => {
  it('is unknown, with the error, for a file that could not be read, whatever else it reports', () => {
    expect(run({ role: 'key', path: '/k', mode: '600', uid: 0, error: 'EACCES' })).toEqual({
      status: 'unknown',
      resource: { kind: 'File', name: '/k' },
      message: 'Could not assess /k on node-1: EACCES.',
    });
  });

  it('is unknown without a mode or without an owner, saying there is no mode', () => {
    for (const f of [
      { role: 'key', path: '/k', uid: 0 },
      { role: 'key', path: '/k', mode: '600' },
    ]) {
      expect(run(f)).toMatchObject({ status: 'unknown', message: 'Could not assess /k on node-1: no mode.' });
    }
  });

  it('fails a file not owned by root and too open, naming both, with the evidence', () => {
    expect(run({ role: 'key', path: '/k', mode: '644', uid: 1000, gid: 5 })).toEqual({
      status: 'fail',
      resource: { kind: 'File', name: '/k' },
      message:
        '/k on node-1 is owned by UID 1000, not root and mode 644, expected 600 or stricter: anyone on the host reads it.',
      evidence: { mode: '644', uid: 1000, gid: 5, role: 'key' },
    });
  });

  it('passes a file owned by root within the mode, its group null when not reported', () => {
    expect(run({ role: 'key', path: '/k', mode: '600', uid: 0 })).toEqual({
      status: 'pass',
      resource: { kind: 'File', name: '/k' },
      message: '/k on node-1 is owned by root with mode 600.',
      evidence: { mode: '600', uid: 0, gid: null, role: 'key' },
    });
  });
});
