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
]);
