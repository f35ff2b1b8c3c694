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
  {
    name: 'fails on every cipher, MAC and key exchange the benchmarks call weak, each named once, spaces around commas ignored',
    facts: {
      'host.sshd': sshd({
        ...HARDENED,
        ciphers:
          'aes256-gcm@openssh.com, 3des-cbc, aes128-cbc, aes192-cbc, aes256-cbc, blowfish-cbc, cast128-cbc, arcfour, arcfour128, arcfour256, rijndael-cbc@lysator.liu.se',
        macs: 'hmac-sha2-512-etm@openssh.com,hmac-md5,hmac-md5-96,hmac-ripemd160,hmac-ripemd160@openssh.com,hmac-sha1,hmac-sha1-96,umac-64@openssh.com,hmac-md5-etm@openssh.com,hmac-md5-96-etm@openssh.com,hmac-ripemd160-etm@openssh.com,hmac-sha1-etm@openssh.com,hmac-sha1-96-etm@openssh.com,umac-64-etm@openssh.com',
        kexalgorithms:
          'curve25519-sha256,diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,gss-group1-sha1-toWM5Slw5Ew8Mqkay+al2g==,gss-gex-sha1-toWM5Slw5Ew8Mqkay+al2g==,gss-group14-sha1-eipGX3TCiQSrx573bT1o1Q==,sntrup761x25519-sha512@openssh.com',
      }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'Ciphers 3des-cbc, aes128-cbc, aes192-cbc, aes256-cbc, blowfish-cbc, cast128-cbc, arcfour, arcfour128, arcfour256, rijndael-cbc@lysator.liu.se; MACs hmac-md5, hmac-md5-96, hmac-ripemd160, hmac-ripemd160@openssh.com, hmac-sha1, hmac-sha1-96, umac-64@openssh.com, hmac-md5-etm@openssh.com, hmac-md5-96-etm@openssh.com, hmac-ripemd160-etm@openssh.com, hmac-sha1-etm@openssh.com, hmac-sha1-96-etm@openssh.com, umac-64-etm@openssh.com; KexAlgorithms diffie-hellman-group1-sha1, diffie-hellman-group14-sha1, diffie-hellman-group-exchange-sha1, gss-group1-sha1-toWM5Slw5Ew8Mqkay+al2g==, gss-gex-sha1-toWM5Slw5Ew8Mqkay+al2g==, gss-group14-sha1-eipGX3TCiQSrx573bT1o1Q==) in the global context and a connection as root (user=root,host=probe.invalid,addr=192.0.2.10) and a connection as compliance-probe (user=compliance-probe,host=probe.invalid,addr=192.0.2.10).',
        evidence: {
          source: 'sshd-T',
          weak: {
            ciphers: [
              '3des-cbc',
              'aes128-cbc',
              'aes192-cbc',
              'aes256-cbc',
              'blowfish-cbc',
              'cast128-cbc',
              'arcfour',
              'arcfour128',
              'arcfour256',
              'rijndael-cbc@lysator.liu.se',
            ],
            macs: [
              'hmac-md5',
              'hmac-md5-96',
              'hmac-ripemd160',
              'hmac-ripemd160@openssh.com',
              'hmac-sha1',
              'hmac-sha1-96',
              'umac-64@openssh.com',
              'hmac-md5-etm@openssh.com',
              'hmac-md5-96-etm@openssh.com',
              'hmac-ripemd160-etm@openssh.com',
              'hmac-sha1-etm@openssh.com',
              'hmac-sha1-96-etm@openssh.com',
              'umac-64-etm@openssh.com',
            ],
            kexalgorithms: [
              'diffie-hellman-group1-sha1',
              'diffie-hellman-group14-sha1',
              'diffie-hellman-group-exchange-sha1',
              'gss-group1-sha1-toWM5Slw5Ew8Mqkay+al2g==',
              'gss-gex-sha1-toWM5Slw5Ew8Mqkay+al2g==',
              'gss-group14-sha1-eipGX3TCiQSrx573bT1o1Q==',
            ],
          },
        },
      },
    ],
  },
  {
    name: 'passes on names that only resemble weak ones (a weak name as a suffix, a prefix without the GSS dash)',
    facts: {
      'host.sshd': sshd({
        ...HARDENED,
        ciphers: 'x-aes128-cbc,aes128-cbc-x,arcfour-x',
        macs: 'hmac-sha1-x,x-hmac-md5',
        kexalgorithms: 'x-gss-gex-sha1-abc,gss-gex-sha1,gss-group1-sha256-abc',
      }),
    },
    expect: [
      {
        status: 'pass',
        message: 'sshd on node-1 offers only strong ciphers, MACs and key-exchange algorithms (from sshd -T).',
        evidence: { source: 'sshd-T', weak: {} },
      },
    ],
  },
  {
    name: 'fails in the one Match context that adds a weak cipher, and names only that context',
    facts: {
      'host.sshd': sshd(HARDENED, {
        matches: [
          {
            match: 'Match User legacy',
            spec: 'user=legacy,host=probe.invalid,addr=192.0.2.10',
            settings: { ciphers: 'aes256-ctr,3des-cbc' },
          },
        ],
      }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'sshd on node-1 offers weak algorithms (Ciphers 3des-cbc) in "Match User legacy" (user=legacy,host=probe.invalid,addr=192.0.2.10).',
        evidence: { weak: { ciphers: ['3des-cbc'] } },
      },
    ],
  },
  {
    name: 'passes from the files when the three lists are set and strong',
    facts: { 'host.sshd': sshd(HARDENED, { source: 'files' }) },
    expect: [{ status: 'pass', message: 'key-exchange algorithms (from the configuration files).' }],
  },
  {
    name: 'is unknown, naming the first three lists left to the compiled-in defaults, with the notes as evidence',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'files',
          notes: ['sshd -T could not run: /usr/sbin/sshd not found'],
          contexts: [
            { context: 'global', settings: { 'ciphers:added': 'aes256-ctr' } },
            { context: 'user=root,host=probe.invalid,addr=192.0.2.10', user: 'root', settings: {} },
          ],
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        message:
          "Could not assess the SSH algorithms of node-1: Ciphers in the global context; MACs in the global context; KexAlgorithms in the global context depend on the OpenSSH version's compiled-in defaults, and sshd -T could not run.",
        evidence: { source: 'files', weak: {}, notes: ['sshd -T could not run: /usr/sbin/sshd not found'] },
      },
    ],
  },
  {
    name: 'is unknown with empty notes as evidence when the view has none',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'files',
          contexts: [{ context: 'global', settings: { ciphers: 'aes256-ctr', macs: 'hmac-sha2-256' } }],
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        message: 'SSH algorithms of node-1: KexAlgorithms in the global context depend on',
        evidence: { notes: [] },
      },
    ],
  },
]);
