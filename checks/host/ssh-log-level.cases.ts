import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-log-level';

export default defineCases(check, [
  {
    name: 'passes when LogLevel is verbose in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, loglevel: 'verbose' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when LogLevel is silent in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, loglevel: 'silent' }) },
    expect: [{ status: 'fail', message: 'LogLevel is silent in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets LogLevel silent',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, loglevel: 'verbose' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { loglevel: 'silent' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when LogLevel is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
]);
