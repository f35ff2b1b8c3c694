import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-strong-crypto';

const { ciphers: _c, macs: _m, kexalgorithms: _k, ...noCrypto } = HARDENED;

export default defineCases(check, [
  {
    name: 'passes when only strong algorithms are offered',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'pass', kind: 'SshdConfig' }],
  },
  {
    name: 'fails when a CBC cipher is offered',
    facts: { 'host.sshd': sshd({ ...HARDENED, ciphers: 'aes256-ctr,aes128-cbc' }) },
    expect: [{ status: 'fail', message: 'Ciphers aes128-cbc' }],
  },
  {
    name: 'fails on the Debian 12 defaults (hmac-sha1 and umac-64 MACs)',
    facts: {
      'host.sshd': sshd({
        ...HARDENED,
        macs: 'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,hmac-sha2-256,hmac-sha1',
      }),
    },
    expect: [
      {
        status: 'fail',
        message: 'MACs umac-64-etm@openssh.com, hmac-sha1-etm@openssh.com, umac-64@openssh.com, hmac-sha1',
      },
    ],
  },
  {
    name: 'fails when a SHA-1 key exchange is offered',
    facts: { 'host.sshd': sshd({ ...HARDENED, kexalgorithms: 'curve25519-sha256,diffie-hellman-group14-sha1' }) },
    expect: [{ status: 'fail', message: 'KexAlgorithms diffie-hellman-group14-sha1' }],
  },
  {
    name: 'fails from the files when "Ciphers +aes128-cbc" adds a CBC cipher to the unknown defaults',
    facts: { 'host.sshd': sshd({ ...noCrypto, 'ciphers:added': 'aes128-cbc' }, { source: 'files' }) },
    expect: [{ status: 'fail', message: 'Ciphers aes128-cbc' }],
  },
  {
    name: 'is unknown when the files do not set the algorithms and sshd -T could not run',
    facts: { 'host.sshd': sshd(noCrypto, { source: 'files' }) },
    expect: [{ status: 'unknown', message: 'compiled-in defaults' }],
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
          'the SSH algorithms of sshd on node-1: sshd rejects its configuration (sshd -T): /etc/ssh/sshd_config line 9',
      },
    ],
  },
  {
    name: 'is unknown, never a pass, when no configuration context was evaluated',
    facts: { 'host.sshd': { ok: true, value: { source: 'files', contexts: [] } } },
    expect: [{ status: 'unknown', message: 'no evaluated configuration context' }],
  },
]);
