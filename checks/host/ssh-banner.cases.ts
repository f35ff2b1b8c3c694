import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-banner';

export default defineCases(check, [
  {
    name: 'passes when Banner is /etc/issue.net in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, banner: '/etc/issue.net' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', evidence: { source: 'sshd-T' } }],
  },
  {
    name: 'fails when Banner is none in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, banner: 'none' }) },
    expect: [{ status: 'fail', message: 'Banner is none in the global context' }],
  },
  {
    name: 'fails and names the Match block that sets Banner none',
    facts: {
      'host.sshd': sshd(
        { ...HARDENED, banner: '/etc/issue.net' },
        {
          matches: [
            {
              match: 'Match Address 10.0.0.0/8',
              spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
              settings: { banner: 'none' },
            },
          ],
        },
      ),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'is unknown when Banner is missing from the view',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
]);
