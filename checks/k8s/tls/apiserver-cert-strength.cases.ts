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
]);
