import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-user-environment-disabled';

export default defineCases(check, [
  {
    name: 'passes when PermitUserEnvironment is no in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, permituserenvironment: 'no' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when PermitUserEnvironment is yes in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, permituserenvironment: 'yes' }) },
    expect: [{ status: 'fail', message: 'PermitUserEnvironment is yes in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets PermitUserEnvironment yes',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, permituserenvironment: 'no' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { permituserenvironment: 'yes' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when PermitUserEnvironment is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes with PermitUserEnvironment no and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, permituserenvironment: 'no' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: PermitUserEnvironment is no in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with PermitUserEnvironment yes and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, permituserenvironment: 'yes' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: PermitUserEnvironment is yes in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): users can set environment variables (LD_PRELOAD) for sshd-started processes and bypass restrictions.',
      },
    ],
  },
]);
