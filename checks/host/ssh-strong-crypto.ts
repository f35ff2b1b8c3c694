import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { describeContext, refusedFinding, SSHD_RESOURCE, sourceText } from './sshd-setting';

/** Algorithms the CIS benchmarks call weak (CBC and RC4 ciphers, MD5/SHA-1/RIPEMD/64-bit MACs, SHA-1 key exchange). */
export const WEAK_ALGORITHMS: Record<'ciphers' | 'macs' | 'kexalgorithms', string[]> = {
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
    'gss-group1-sha1-',
    'gss-gex-sha1-',
    'gss-group14-sha1-',
  ],
};

const LABELS = { ciphers: 'Ciphers', macs: 'MACs', kexalgorithms: 'KexAlgorithms' } as const;

export default defineCheck({
  id: 'host.ssh.strong-crypto',
  title: 'SSH offers only strong ciphers, MACs and key-exchange algorithms',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.13' },
    { framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.14' },
    { framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.15' },
  ],
  remediation:
    'List only strong algorithms in /etc/ssh/sshd_config, for example "Ciphers chacha20-poly1305@openssh.com,' +
    'aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr", "MACs hmac-sha2-512-etm@openssh.com,' +
    'hmac-sha2-256-etm@openssh.com,hmac-sha2-512,hmac-sha2-256" and "KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,' +
    'diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,ecdh-sha2-nistp521,ecdh-sha2-nistp384,ecdh-sha2-nistp256"; ' +
    'check with "sshd -T | grep -E \'^(ciphers|macs|kexalgorithms)\'" and reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx): Finding[] => {
    const sshd = ctx.facts['host.sshd'];
    const host = ctx.target.name;
    const refused = refusedFinding(sshd, host, 'the SSH algorithms');
    if (refused) return [refused];
    if (sshd.contexts.length === 0) {
      return [
        {
          status: 'unknown',
          resource: SSHD_RESOURCE,
          message: `Could not assess the SSH algorithms of ${host}: no evaluated configuration context.`,
        },
      ];
    }
    const weak: Record<string, Set<string>> = {};
    const where = new Set<string>();
    const missing = new Set<string>();
    for (const c of sshd.contexts) {
      for (const key of Object.keys(WEAK_ALGORITHMS) as (keyof typeof WEAK_ALGORITHMS)[]) {
        // The file fallback cannot know a version's defaults, but what "+alg" adds is enabled for sure.
        const value = c.settings[key] ?? c.settings[`${key}:added`];
        if (c.settings[key] === undefined) missing.add(`${LABELS[key]} in ${describeContext(c)}`);
        if (value === undefined) continue;
        for (const alg of value.split(',').map((a) => a.trim())) {
          if (WEAK_ALGORITHMS[key].some((w) => (w.endsWith('-') ? alg.startsWith(w) : alg === w))) {
            weak[key] ??= new Set();
            weak[key].add(alg);
            where.add(describeContext(c));
          }
        }
      }
    }
    const evidence = {
      source: sshd.source,
      weak: Object.fromEntries(Object.entries(weak).map(([k, v]) => [k, [...v]])),
    };
    if (Object.keys(weak).length > 0) {
      const list = Object.entries(weak)
        .map(([k, v]) => `${LABELS[k as keyof typeof LABELS]} ${[...v].join(', ')}`)
        .join('; ');
      return [
        {
          status: 'fail',
          resource: SSHD_RESOURCE,
          message: `sshd on ${host} offers weak algorithms (${list}) in ${[...where].join(' and ')}.`,
          evidence,
        },
      ];
    }
    if (missing.size > 0) {
      return [
        {
          status: 'unknown',
          resource: SSHD_RESOURCE,
          message: `Could not assess the SSH algorithms of ${host}: ${[...missing].slice(0, 3).join('; ')} depend on the OpenSSH version's compiled-in defaults, and sshd -T could not run.`,
          evidence: { ...evidence, notes: sshd.notes ?? [] },
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource: SSHD_RESOURCE,
        message: `sshd on ${host} offers only strong ciphers, MACs and key-exchange algorithms (from ${sourceText(sshd)}).`,
        evidence,
      },
    ];
  },
});
