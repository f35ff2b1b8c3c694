import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-client-alive-count-max';

export default defineCases(check, [
  {
    name: 'passes when ClientAliveCountMax is 3 in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '3' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when ClientAliveCountMax is 0 in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '0' }) },
    expect: [{ status: 'fail', message: 'ClientAliveCountMax is 0 in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets ClientAliveCountMax 0',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, clientalivecountmax: '3' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { clientalivecountmax: '0' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when ClientAliveCountMax is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with ClientAliveCountMax 1 and says the expected range in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '1' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: ClientAliveCountMax is between 1 and 3 in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveCountMax 4 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '4' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: ClientAliveCountMax is 4 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): idle sessions stay open too long (0 disables the disconnection since OpenSSH 8.2).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveCountMax x3 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: 'x3' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: ClientAliveCountMax is x3 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): idle sessions stay open too long (0 disables the disconnection since OpenSSH 8.2).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveCountMax 3x and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '3x' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: ClientAliveCountMax is 3x in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): idle sessions stay open too long (0 disables the disconnection since OpenSSH 8.2).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveCountMax 10 and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '10' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: ClientAliveCountMax is 10 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): idle sessions stay open too long (0 disables the disconnection since OpenSSH 8.2).',
      },
    ],
  },
  {
    name: 'passes with ClientAliveCountMax 03 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '03' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: ClientAliveCountMax is between 1 and 3 in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with ClientAliveCountMax +3, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '+3' }) },
    expect: [
      {
        status: 'fail',
        message: 'sshd on node-1: ClientAliveCountMax is +3 in the global context and a connection as root',
      },
    ],
  },
  {
    name: 'fails with ClientAliveCountMax 3.0, a number that is not a plain count of digits',
    facts: { 'host.sshd': sshd({ ...HARDENED, clientalivecountmax: '3.0' }) },
    expect: [
      {
        status: 'fail',
        message: 'sshd on node-1: ClientAliveCountMax is 3.0 in the global context and a connection as root',
      },
    ],
  },
]);
