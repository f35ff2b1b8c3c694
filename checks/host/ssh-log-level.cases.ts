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
  {
    name: 'passes with LogLevel info and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, loglevel: 'info' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: LogLevel is INFO or VERBOSE in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'passes with LogLevel verbose and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, loglevel: 'verbose' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: LogLevel is INFO or VERBOSE in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with LogLevel debug and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, loglevel: 'debug' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: LogLevel is debug in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): logins are not recorded (QUIET, FATAL, ERROR) or user privacy leaks into the logs (DEBUG).',
      },
    ],
  },
]);
