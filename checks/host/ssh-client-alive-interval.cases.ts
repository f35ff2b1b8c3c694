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
]);
