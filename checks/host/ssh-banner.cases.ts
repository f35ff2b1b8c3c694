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
  {
    name: 'passes with Banner /etc/issue.net and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, banner: '/etc/issue.net' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: Banner is a file in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails with Banner (empty) and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, banner: '' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: Banner is  in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): no legal warning is shown before login.',
      },
    ],
  },
  {
    name: 'fails with Banner none and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, banner: 'none' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: Banner is none in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10) (from sshd -T): no legal warning is shown before login.',
      },
    ],
  },
]);
