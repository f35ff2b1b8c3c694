import { defineCases } from '../../../test/support/cases';
import check from './apiserver-cert-strength';
import { cert, probe, tlsFacts } from './fixtures';

const root = cert({
  subject: 'CN=kubernetes',
  isCA: true,
  selfIssued: true,
  signatureAlgorithm: 'sha1WithRSAEncryption',
});

export default defineCases(check, [
  {
    name: 'passes RSA 2048 signed with SHA-256 (a self-signed root signed with SHA-1 does not matter)',
    facts: tlsFacts({ probe: probe({ chain: [cert(), root] }) }),
    expect: [{ status: 'pass', resource: 'kube-apiserver', message: 'RSA 2048 bits' }],
  },
  {
    name: 'fails an RSA 1024 key',
    facts: tlsFacts({ probe: probe({ chain: [cert({ keyBits: 1024 })] }) }),
    expect: [{ status: 'fail', message: 'RSA 1024-bit key' }],
  },
  {
    name: 'fails a SHA-1 signed leaf',
    facts: tlsFacts({ probe: probe({ chain: [cert({ signatureAlgorithm: 'sha1WithRSAEncryption' })] }) }),
    expect: [{ status: 'fail', message: 'sha1WithRSAEncryption signature' }],
  },
  {
    name: 'passes an ECDSA P-256 key signed with ecdsa-with-SHA256',
    facts: tlsFacts({
      probe: probe({
        chain: [cert({ keyType: 'EC', keyBits: 256, curve: 'prime256v1', signatureAlgorithm: 'ecdsa-with-SHA256' })],
      }),
    }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'is unknown without the live probe',
    facts: tlsFacts({ probe: 'could not connect to 10.0.0.10:6443: ECONNREFUSED' }),
    expect: [{ status: 'unknown', message: 'ECONNREFUSED' }],
  },
  {
    name: 'pins the whole pass sentence and the chain evidence',
    facts: tlsFacts({ probe: probe({ chain: [cert(), root] }) }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        kind: 'Certificate',
        message:
          'The chain served by 10.0.0.10:6443 uses strong keys and signatures (leaf: RSA 2048 bits, sha256WithRSAEncryption).',
        evidence: {
          chain: [
            {
              subject: 'CN=kube-apiserver',
              keyType: 'RSA',
              keyBits: 2048,
              signatureAlgorithm: 'sha256WithRSAEncryption',
            },
            { subject: 'CN=kubernetes', keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'sha1WithRSAEncryption' },
          ],
        },
      },
    ],
  },
  {
    name: 'passes a leaf whose key and signature are not reported, saying so (no size is no weakness)',
    facts: tlsFacts({
      probe: probe({ chain: [cert({ keyType: undefined, keyBits: undefined, signatureAlgorithm: undefined })] }),
    }),
    expect: [
      {
        status: 'pass',
        message: 'uses strong keys and signatures (leaf: unknown ? bits, unknown signature).',
      },
    ],
  },
  {
    name: 'passes RSA and EC keys whose size is not reported',
    facts: tlsFacts({
      probe: probe({
        chain: [cert({ keyBits: undefined }), cert({ subject: 'CN=ca', keyType: 'EC', keyBits: undefined })],
      }),
    }),
    expect: [{ status: 'pass', message: '(leaf: RSA ? bits, sha256WithRSAEncryption).' }],
  },
  {
    name: 'fails each weak certificate of the chain by position, naming every weakness',
    facts: tlsFacts({
      probe: probe({
        chain: [
          cert(),
          cert({
            subject: 'CN=intermediate',
            keyType: 'RSA-PSS',
            keyBits: 1024,
            signatureAlgorithm: 'md5WithRSAEncryption',
          }),
          cert({ subject: 'CN=ec', keyType: 'EC', keyBits: 224, signatureAlgorithm: 'ecdsa-with-SHA256' }),
          cert({ subject: 'CN=dsa', keyType: 'DSA', keyBits: 2048, signatureAlgorithm: 'dsa-with-sha1' }),
          cert({ subject: 'CN=tiny', keyBits: 192 }),
        ],
      }),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        kind: 'Certificate',
        message:
          'The chain served by 10.0.0.10:6443 is weak (CN=intermediate: RSA 1024-bit key, md5WithRSAEncryption signature; CN=ec: EC 224-bit key; CN=dsa: DSA key, dsa-with-sha1 signature; CN=tiny: RSA 192-bit key).',
        evidence: {
          problems: [
            {
              position: 2,
              subject: 'CN=intermediate',
              weaknesses: ['RSA 1024-bit key', 'md5WithRSAEncryption signature'],
            },
            { position: 3, subject: 'CN=ec', weaknesses: ['EC 224-bit key'] },
            { position: 4, subject: 'CN=dsa', weaknesses: ['DSA key', 'dsa-with-sha1 signature'] },
            { position: 5, subject: 'CN=tiny', weaknesses: ['RSA 192-bit key'] },
          ],
        },
      },
    ],
  },
  {
    name: 'is unknown when the endpoint served no certificate',
    facts: tlsFacts({ probe: probe({ chain: [] }) }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        kind: 'Certificate',
        message: 'Could not assess: 10.0.0.10:6443 served no certificate.',
      },
    ],
  },
]);
