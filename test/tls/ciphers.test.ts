import { WEAK_SUITES } from '../../src/collectors/tls';
import { cipherStrength, suiteList, weakSuites } from '../../src/core/ciphers';

describe('Module: src/core/ciphers', () => {
  it.each(WEAK_SUITES.map((s) => [s.name, s.strength] as const))(
    'gives the probed suite %s the strength %s, as for a configured one',
    (name, strength) => {
      expect(cipherStrength(name)).toBe(strength);
      // RC4, 3DES, NULL and anonymous suites are insecure; the probe's other suites (CBC, RSA key exchange) weak.
      expect(strength).toBe(/RC4|3DES|NULL|anon/.test(name) ? 'insecure' : 'weak');
    },
  );

  it.each([
    ['TLS_AES_128_GCM_SHA256', 'strong'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'strong'],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'strong'],
    ['TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'strong'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'weak'],
    ['TLS_RSA_WITH_AES_256_GCM_SHA384', 'weak'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'insecure'],
    ['TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', 'insecure'],
    ['TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'insecure'],
  ])('classifies %s as %s', (name, strength) => {
    expect(cipherStrength(name)).toBe(strength);
  });

  it('splits a flag value and lists the weak suites worst first', () => {
    const names = suiteList(
      ' TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_128_CBC_SHA,,TLS_RSA_WITH_RC4_128_SHA ',
    );
    expect(names).toHaveLength(3);
    expect(weakSuites(names)).toEqual([
      { name: 'TLS_RSA_WITH_RC4_128_SHA', strength: 'insecure' },
      { name: 'TLS_RSA_WITH_AES_128_CBC_SHA', strength: 'weak' },
    ]);
  });
});
