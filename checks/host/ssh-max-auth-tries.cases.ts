import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-max-auth-tries';

export default defineCases(check, [
  {
    name: 'passes when MaxAuthTries is 3 in every context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxauthtries: '3' }) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd' }],
  },
  {
    name: 'fails when MaxAuthTries is 6 in the global context',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxauthtries: '6' }) },
    expect: [{ status: 'fail', message: 'MaxAuthTries is 6 in the global context' }],
  },
  {
    name: 'fails and names the Match block when "Match Group admins" sets MaxAuthTries 6',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match Group admins',
            spec: 'user=alice,host=probe.invalid,addr=192.0.2.10',
            settings: { maxauthtries: '6' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: '"Match Group admins"' }],
  },
  {
    name: 'fails when a files-fallback view leaves MaxAuthTries at a weak value for one user',
    facts: {
      'host.sshd': sshd(HARDENED, {
        source: 'files',
        matches: [
          {
            match: 'Match User bob',
            spec: 'user=bob,host=probe.invalid,addr=192.0.2.10',
            settings: { maxauthtries: '6' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: 'from the configuration files' }],
  },
  {
    name: 'is unknown when MaxAuthTries is missing from the view',
    facts: { 'host.sshd': sshd({ somethingelse: 'x' }) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the probe output was truncated',
    facts: { 'host.sshd': { ok: false, reason: 'the host probe output is truncated (no end marker)' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'truncated' }],
  },
  {
    name: 'passes at the limit (4), counts each connection evaluation, and keeps Match, note and notes as evidence',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          notes: ['Match Group ops has no member here'],
          contexts: [
            { context: 'global', settings: { maxauthtries: '4' } },
            {
              context: 'user=ops,host=probe.invalid,addr=192.0.2.10',
              match: 'Match Group ops',
              note: 'evaluated as a member of ops',
              settings: { maxauthtries: '2' },
            },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', user: 'root', settings: { maxauthtries: '4' } },
          ],
        },
      },
    },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: MaxAuthTries is 4 or less in the global context and in 2 connection evaluations (from sshd -T).',
        evidence: {
          source: 'sshd-T',
          notes: ['Match Group ops has no member here'],
          contexts: [
            { context: 'global', match: undefined, note: undefined, maxauthtries: '4' },
            {
              context: 'user=ops,host=probe.invalid,addr=192.0.2.10',
              match: 'Match Group ops',
              note: 'evaluated as a member of ops',
              maxauthtries: '2',
            },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', match: undefined, maxauthtries: '4' },
          ],
        },
      },
    ],
  },
  {
    name: 'passes with one connection evaluation, said in the singular, from the configuration files',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'files',
          notes: [],
          contexts: [
            { context: 'global', settings: { maxauthtries: '1' } },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', user: 'root', settings: { maxauthtries: '0' } },
          ],
        },
      },
    },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: MaxAuthTries is 4 or less in the global context and in 1 connection evaluation (from the configuration files).',
        evidence: { source: 'files', notes: undefined },
      },
    ],
  },
  {
    name: 'fails at 5, just above the limit, naming each weak value once and every context that has one',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [
            { context: 'global', settings: { maxauthtries: '5' } },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', user: 'root', settings: { maxauthtries: '5' } },
            { context: 'user=bob,host=probe.invalid,addr=192.0.2.10', settings: { maxauthtries: '10' } },
            { context: 'user=carol,host=probe.invalid,addr=192.0.2.10', settings: { maxauthtries: '3' } },
          ],
        },
      },
    },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: MaxAuthTries is 5, 10 in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as any user (user=bob,host=probe.invalid,addr=192.0.2.10) (from sshd -T): each connection allows more guesses than the benchmark accepts.',
        evidence: {
          failing: [
            { context: 'global', match: null, value: '5' },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', match: null, value: '5' },
            { context: 'user=bob,host=probe.invalid,addr=192.0.2.10', match: null, value: '10' },
          ],
        },
      },
    ],
  },
  {
    name: 'fails on a value that is not a plain number (" 3", "3 ", "3a", "")',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'files',
          contexts: [
            { context: 'global', settings: { maxauthtries: ' 3' } },
            { context: 'a', settings: { maxauthtries: '3 ' } },
            { context: 'b', settings: { maxauthtries: '3a' } },
            { context: 'c', settings: { maxauthtries: '' } },
          ],
        },
      },
    },
    expect: [
      { status: 'fail', evidence: { failing: [{ value: ' 3' }, { value: '3 ' }, { value: '3a' }, { value: '' }] } },
    ],
  },
  {
    name: 'is unknown, naming only the contexts without a value, when one context lacks MaxAuthTries',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [
            { context: 'global', settings: { maxauthtries: '3' } },
            { context: 'user=dan,host=probe.invalid,addr=192.0.2.10', match: 'Match User dan', settings: {} },
          ],
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess MaxAuthTries of sshd on node-1: its value is not known in "Match User dan" (user=dan,host=probe.invalid,addr=192.0.2.10).',
        evidence: {
          source: 'sshd-T',
          contexts: [
            { context: 'global', maxauthtries: '3' },
            { context: 'user=dan,host=probe.invalid,addr=192.0.2.10', match: 'Match User dan', maxauthtries: null },
          ],
        },
      },
    ],
  },
  {
    name: 'is unknown when the view has no evaluated context',
    facts: { 'host.sshd': { ok: true, value: { source: 'sshd-T', contexts: [] } } },
    expect: [
      {
        status: 'unknown',
        kind: 'SshdConfig',
        resource: 'sshd',
        message: 'Could not assess MaxAuthTries of sshd on node-1: no evaluated configuration context.',
      },
    ],
  },
  {
    name: 'is unknown, quoting the file parser, when the files hold a value sshd refuses',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'files',
          contexts: [],
          validation: { by: 'files', accepted: false, message: 'line 3: bad value "maybe"' },
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        kind: 'SshdConfig',
        message:
          'Could not assess MaxAuthTries of sshd on node-1: the configuration files hold a value sshd refuses (from the configuration files; sshd -T did not run): line 3: bad value "maybe"; the settings sshd runs with are not known.',
        evidence: {
          source: 'files',
          validation: { by: 'files', accepted: false, message: 'line 3: bad value "maybe"' },
        },
      },
    ],
  },
  {
    name: 'is unknown when sshd -T refuses the configuration without a message',
    facts: {
      'host.sshd': {
        ok: true,
        value: { source: 'sshd-T', contexts: [], validation: { by: 'sshd-T', accepted: false } },
      },
    },
    expect: [{ status: 'unknown', message: ': sshd rejects its configuration (sshd -T): no message; the settings' }],
  },
  {
    name: 'is unknown when the file parser refuses without a message',
    facts: {
      'host.sshd': { ok: true, value: { source: 'files', contexts: [], validation: { by: 'files', accepted: false } } },
    },
    expect: [{ status: 'unknown', message: 'sshd -T did not run): ; the settings' }],
  },
  {
    name: 'is assessed when sshd -T accepted the configuration',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [{ context: 'global', settings: { maxauthtries: '3' } }],
          validation: { by: 'sshd-T', accepted: true },
        },
      },
    },
    expect: [{ status: 'pass', message: 'in 0 connection evaluations' }],
  },
  {
    name: 'passes on a number written with a leading zero ("04"), as sshd reads it, from the configuration files',
    facts: {
      'host.sshd': {
        ok: true,
        value: { source: 'files', contexts: [{ context: 'global', settings: { maxauthtries: '04' } }] },
      },
    },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: MaxAuthTries is 4 or less in the global context and in 0 connection evaluations (from the configuration files).',
        evidence: { contexts: [{ context: 'global', maxauthtries: '04' }] },
      },
    ],
  },
  {
    name: 'fails on "05", a multi-digit number above the limit',
    facts: {
      'host.sshd': {
        ok: true,
        value: { source: 'files', contexts: [{ context: 'global', settings: { maxauthtries: '05' } }] },
      },
    },
    expect: [
      {
        status: 'fail',
        message: 'sshd on node-1: MaxAuthTries is 05 in the global context (from the configuration files):',
      },
    ],
  },
  {
    name: 'is unknown, naming both contexts joined by "and", when two contexts lack MaxAuthTries',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [
            { context: 'global', settings: { maxauthtries: '3' } },
            { context: 'user=dan,host=probe.invalid,addr=192.0.2.10', match: 'Match User dan', settings: {} },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', user: 'root', settings: {} },
          ],
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess MaxAuthTries of sshd on node-1: its value is not known in "Match User dan" (user=dan,host=probe.invalid,addr=192.0.2.10) and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10).',
      },
    ],
  },
  {
    name: 'passes with MaxAuthTries 04 and says the expected value in a whole sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, maxauthtries: '04' }) },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: MaxAuthTries is 4 or less in the global context and in 2 connection evaluations (from sshd -T).',
      },
    ],
  },
]);
