import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-client-alive-interval';

export default defineCases(check, [
  {
    name: 'passes when ClientAliveInterval is 300 in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '300' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when ClientAliveInterval is 0 in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '0' }) },
    expect: [{ status: 'fail', message: 'ClientAliveInterval is 0 in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets ClientAliveInterval 0',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, clientaliveinterval: '300' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { clientaliveinterval: '0' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when ClientAliveInterval is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with ClientAliveInterval 1 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '1' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: ClientAliveInterval is between 1 and 300 seconds in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'passes with ClientAliveInterval 300 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '300' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: ClientAliveInterval is between 1 and 300 seconds in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveInterval 301 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '301' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: ClientAliveInterval is 301 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): idle sessions are never probed and closed (0 disables the check).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveInterval x300 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: 'x300' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: ClientAliveInterval is x300 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): idle sessions are never probed and closed (0 disables the check).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveInterval 300x and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '300x' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: ClientAliveInterval is 300x in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): idle sessions are never probed and closed (0 disables the check).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveInterval +300, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '+300' }) },
    expect: [
      {
        status: 'fail',
        message: 'sshd on node-1: ClientAliveInterval is +300 in the global context and a connection as root',
      },
    ],
  },
  {
    name: 'fails with ClientAliveInterval 300.0, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientaliveinterval: '300.0' }) },
    expect: [
      {
        status: 'fail',
        message: 'sshd on node-1: ClientAliveInterval is 300.0 in the global context and a connection as root',
      },
    ],
  },
]);
