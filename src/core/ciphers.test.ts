import { cipherStrength, suiteList, weakSuites } from './ciphers';

describe('Function: cipherStrength', () => {
  it.each([
    ['TLS_AES_128_GCM_SHA256', 'strong'],
    ['TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'strong'],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'weak'],
    ['TLS_RSA_WITH_AES_256_GCM_SHA384', 'weak'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'insecure'],
    ['TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'insecure'],
  ])('classifies %s as %s', (name, strength) => {
    expect(cipherStrength(name)).toBe(strength);
  });

  it('classifies a name with surrounding blanks as the name itself', () => {
    expect(cipherStrength(' TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384\t')).toBe('strong');
    expect(cipherStrength(' tls_aes_256_gcm_sha384 ')).toBe('strong');
  });
});

describe('Function: suiteList', () => {
  it('splits on commas, trims each name and leaves out empty items', () => {
    expect(suiteList(' TLS_AES_128_GCM_SHA256 ,, TLS_RSA_WITH_AES_128_CBC_SHA,  ,')).toEqual([
      'TLS_AES_128_GCM_SHA256',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
    ]);
  });

  it('gives no suite for an empty or blank value', () => {
    expect(suiteList('')).toEqual([]);
    expect(suiteList(' , ')).toEqual([]);
  });
});

describe('Function: weakSuites', () => {
  it('lists the suites that are not strong, insecure first, each strength in the order given', () => {
    expect(
      weakSuites([
        'TLS_RSA_WITH_AES_128_CBC_SHA',
        'TLS_RSA_WITH_RC4_128_SHA',
        'TLS_AES_128_GCM_SHA256',
        'TLS_RSA_WITH_AES_256_CBC_SHA',
        'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
        'TLS_RSA_WITH_AES_128_GCM_SHA256',
      ]),
    ).toEqual([
      { name: 'TLS_RSA_WITH_RC4_128_SHA', strength: 'insecure' },
      { name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', strength: 'insecure' },
      { name: 'TLS_RSA_WITH_AES_128_CBC_SHA', strength: 'weak' },
      { name: 'TLS_RSA_WITH_AES_256_CBC_SHA', strength: 'weak' },
      { name: 'TLS_RSA_WITH_AES_128_GCM_SHA256', strength: 'weak' },
    ]);
  });

  it('keeps an insecure suite given first before a weak one', () => {
    expect(weakSuites(['TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA']).map((s) => s.strength)).toEqual([
      'insecure',
      'weak',
    ]);
  });

  it('is empty when every suite is strong', () => {
    expect(weakSuites(['TLS_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'])).toEqual([]);
  });
});
