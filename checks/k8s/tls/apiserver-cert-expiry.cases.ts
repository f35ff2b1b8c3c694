import { defineCases } from '../../../test/support/cases';
import check from './apiserver-cert-expiry';
import { cert, inDays, probe, tlsFacts } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes a certificate valid for 265 more days',
    facts: tlsFacts({ probe: probe() }),
    expect: [{ status: 'pass', resource: 'kube-apiserver', kind: 'Certificate', message: 'valid until 2027-02-21' }],
  },
  {
    name: 'fails high when the certificate expires in 20 days',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(20) })] }) }),
    expect: [{ status: 'fail', severity: 'high', message: 'in 20 day(s)' }],
  },
  {
    name: 'fails critical when the certificate expires in 5 days',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(5) })] }) }),
    expect: [{ status: 'fail', severity: 'critical', message: 'in 5 day(s)' }],
  },
  {
    name: 'fails critical when the certificate has expired',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(-3) })] }) }),
    expect: [{ status: 'fail', severity: 'critical', message: 'expired on 2026-05-29 (3 day(s) ago)' }],
  },
  {
    name: 'fails when an intermediate of the served chain expires before the leaf',
    facts: tlsFacts({
      probe: probe({ chain: [cert(), cert({ subject: 'CN=intermediate', isCA: true, notAfter: inDays(10) })] }),
    }),
    expect: [{ status: 'fail', severity: 'high', message: 'Certificate 2 of the chain' }],
  },
  {
    name: 'follows certExpiryDays from the configuration (60 days high)',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(45) })] }) }),
    options: { certExpiryDays: { high: 60, critical: 14 } },
    expect: [{ status: 'fail', severity: 'high' }],
  },
  {
    name: 'is unknown when the live probe could not run (manifests)',
    facts: tlsFacts({ probe: 'not available from manifests' }),
    expect: [{ status: 'unknown', message: 'not available from manifests' }],
  },
  {
    name: 'is unknown when the endpoint served no certificate',
    facts: tlsFacts({ probe: probe({ chain: [] }) }),
    expect: [{ status: 'unknown', message: 'served no certificate' }],
  },
]);
