import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-tcp-forwarding-disabled';

export default defineCases(check, [
  {
    name: 'passes when AllowTcpForwarding is no in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, allowtcpforwarding: 'no' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when AllowTcpForwarding is yes in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, allowtcpforwarding: 'yes' }) },
    expect: [{ status: 'fail', message: 'AllowTcpForwarding is yes in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets AllowTcpForwarding yes',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, allowtcpforwarding: 'no' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { allowtcpforwarding: 'yes' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when AllowTcpForwarding is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with AllowTcpForwarding no and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, allowtcpforwarding: 'no' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: AllowTcpForwarding is no in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with AllowTcpForwarding local and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, allowtcpforwarding: 'local' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: AllowTcpForwarding is local in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): a user with SSH access can tunnel into the cluster network (the API server, Pods, the metadata service) through the node.',
      },
    ],
  },
]);
