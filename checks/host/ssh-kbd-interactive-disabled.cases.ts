import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-kbd-interactive-disabled';

export default defineCases(check, [
  {
    name: 'passes when KbdInteractiveAuthentication is no in every context, saying so in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, kbdinteractiveauthentication: 'no' }) },
    expect: [
      {
        status: 'pass',
        kind: 'SshdConfig',
        resource: 'sshd',
        message:
          'sshd on node-1: KbdInteractiveAuthentication is no in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
  {
    name: 'fails when KbdInteractiveAuthentication is yes in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, kbdinteractiveauthentication: 'yes' }) },
    expect: [{ status: 'fail', message: 'KbdInteractiveAuthentication is yes in the global context' }],
  },
  {
    name: 'fails and names the Match block and the risk when "Match Group admins" sets KbdInteractiveAuthentication yes',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match Group admins',
            spec: 'user=alice,host=probe.invalid,addr=192.0.2.10',
            settings: { kbdinteractiveauthentication: 'yes' },
          },
        ],
      }),
    },
    expect: [
      {
        status: 'fail',
        kind: 'SshdConfig',
        resource: 'sshd',
        message:
          'sshd on node-1: KbdInteractiveAuthentication is yes in "Match Group admins" (user=alice,host=probe.invalid,addr=192.0.2.10) (from sshd -T): keyboard-interactive (PAM) prompts accept passwords even when PasswordAuthentication is no.',
        evidence: {
          failing: [
            { context: 'user=alice,host=probe.invalid,addr=192.0.2.10', match: 'Match Group admins', value: 'yes' },
          ],
        },
      },
    ],
  },
  {
    name: 'fails when a files-fallback view leaves KbdInteractiveAuthentication at a weak value for one user',
    facts: {
      'host.sshd': sshd(HARDENED, {
        source: 'files',
        matches: [
          {
            match: 'Match User bob',
            spec: 'user=bob,host=probe.invalid,addr=192.0.2.10',
            settings: { kbdinteractiveauthentication: 'yes' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: 'from the configuration files' }],
  },
  {
    name: 'is unknown when KbdInteractiveAuthentication is missing from the view',
    facts: { 'host.sshd': sshd({ somethingelse: 'x' }) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
]);
