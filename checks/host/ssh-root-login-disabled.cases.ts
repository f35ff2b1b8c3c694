import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-root-login-disabled';

export default defineCases(check, [
  {
    name: 'passes when PermitRootLogin is no in every context',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'pass', kind: 'SshdConfig', resource: 'sshd', message: 'PermitRootLogin is no' }],
  },
  {
    name: 'fails when PermitRootLogin is prohibit-password (the compiled-in default)',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitrootlogin: 'prohibit-password' }) },
    expect: [{ status: 'fail', message: 'PermitRootLogin is prohibit-password for root in the global context' }],
  },
  {
    name: 'fails when PermitRootLogin is forced-commands-only',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitrootlogin: 'forced-commands-only' }) },
    expect: [{ status: 'fail', message: 'forced-commands-only' }],
  },
  {
    name: 'fails and names the Match block when "Match Address 10.0.0.0/8" permits root',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match Address 10.0.0.0/8',
            spec: 'user=root,host=probe.invalid,addr=10.0.0.0',
            settings: { permitrootlogin: 'yes' },
          },
        ],
      }),
    },
    expect: [{ status: 'fail', message: '"Match Address 10.0.0.0/8"' }],
  },
  {
    name: 'fails when only the root connection context permits root ("Match User root")',
    facts: { 'host.sshd': sshd(HARDENED, { root: { permitrootlogin: 'yes' } }) },
    expect: [{ status: 'fail', message: 'a connection as root' }],
  },
  {
    name: 'passes when only a Match block for another user sets PermitRootLogin yes',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match User alice',
            spec: 'user=alice,host=probe.invalid,addr=192.0.2.10',
            settings: { permitrootlogin: 'yes' },
          },
        ],
      }),
    },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'is unknown when PermitRootLogin is missing from a context',
    facts: { 'host.sshd': sshd({ passwordauthentication: 'no' }) },
    expect: [{ status: 'unknown', message: 'not known' }],
  },
  {
    name: 'is unknown when the sshd configuration could not be collected',
    facts: {
      'host.sshd': {
        ok: false,
        reason: 'sshd is not installed on this host (no sshd binary, no /etc/ssh/sshd_config)',
      },
    },
    expect: [{ status: 'unknown', kind: 'Host', message: 'sshd is not installed' }],
  },
  {
    name: "is unknown with sshd's own message when sshd -T refuses the configuration",
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [],
          validation: {
            by: 'sshd-T',
            accepted: false,
            message: '/etc/ssh/sshd_config line 9: unsupported option "wrong_value".',
          },
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        message:
          'PermitRootLogin of sshd on node-1: sshd rejects its configuration (sshd -T): /etc/ssh/sshd_config line 9',
      },
    ],
  },
  {
    name: 'passes, counting only the root connection, when a non-root connection permits root login',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match Address 10.0.0.0/8',
            spec: 'user=compliance-probe,host=probe.invalid,addr=10.0.0.1',
            settings: { permitrootlogin: 'yes' },
          },
        ],
      }),
    },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: PermitRootLogin is no for root in the global context and in 1 connection evaluation (from sshd -T).',
        evidence: {
          contexts: [
            { context: 'global', permitrootlogin: 'no' },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', permitrootlogin: 'no' },
          ],
        },
      },
    ],
  },
  {
    name: 'fails on the global context alone even when no root connection was evaluated',
    facts: {
      'host.sshd': {
        ok: true,
        value: { source: 'sshd-T', contexts: [{ context: 'global', settings: { permitrootlogin: 'yes' } }] },
      },
    },
    expect: [{ status: 'fail', message: 'PermitRootLogin is yes for root in the global context (from sshd -T)' }],
  },
  {
    name: 'is unknown when no context applies to root (only a non-root connection was evaluated)',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [{ context: 'user=bob,host=h,addr=192.0.2.1', user: 'bob', settings: { permitrootlogin: 'yes' } }],
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess PermitRootLogin of sshd on node-1: no evaluated configuration context.',
      },
    ],
  },
  {
    name: 'fails with the whole sentence and the risk when root may log in with a key (prohibit-password)',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitrootlogin: 'prohibit-password' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: PermitRootLogin is prohibit-password for root in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) (from sshd -T): root can still log in over SSH (prohibit-password, without-password and forced-commands-only still admit a key).',
      },
    ],
  },
  {
    name: 'fails with PermitRootLogin prohibit-password for root and says the whole risk sentence',
    facts: { 'host.sshd': sshd({ ...HARDENED, permitrootlogin: 'prohibit-password' }) },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1: PermitRootLogin is prohibit-password for root in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) (from sshd -T): root can still log in over SSH (prohibit-password, without-password and forced-commands-only still admit a key).',
      },
    ],
  },
]);
