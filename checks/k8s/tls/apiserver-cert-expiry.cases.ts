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
  {
    name: 'pins the whole pass sentence and the evidence of the leaf that expires first',
    facts: tlsFacts({ probe: probe() }),
    expect: [
      {
        status: 'pass',
        message:
          'The API server certificate at 10.0.0.10:6443 (CN=kube-apiserver) is valid until 2027-02-21 (265 days).',
        evidence: {
          subject: 'CN=kube-apiserver',
          issuer: 'CN=kubernetes',
          notAfter: inDays(265),
          daysLeft: 265,
          endpoint: '10.0.0.10:6443',
          chain: [
            { subject: 'CN=kube-apiserver', notAfter: inDays(265) },
            { subject: 'CN=kubernetes', notAfter: inDays(3000) },
          ],
        },
      },
    ],
  },
  {
    name: 'fails critical on a certificate that expires at the scan instant',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(0) })] }) }),
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        message:
          'The API server certificate at 10.0.0.10:6443 (CN=kube-apiserver) expired on 2026-06-01 (0 day(s) ago).',
      },
    ],
  },
  {
    name: 'fails high, not critical, at exactly the critical threshold (7 days)',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(7) })] }) }),
    expect: [
      {
        status: 'fail',
        severity: 'high',
        message: 'The API server certificate at 10.0.0.10:6443 (CN=kube-apiserver) expires on 2026-06-08, in 7 day(s).',
        evidence: { daysLeft: 7 },
      },
    ],
  },
  {
    name: 'fails critical at 6 days, whole sentence',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(6) })] }) }),
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        message: 'The API server certificate at 10.0.0.10:6443 (CN=kube-apiserver) expires on 2026-06-07, in 6 day(s).',
      },
    ],
  },
  {
    name: 'passes at exactly the high threshold (30 days)',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: inDays(30) })] }) }),
    expect: [{ status: 'pass', message: 'is valid until 2026-07-01 (30 days).' }],
  },
  {
    name: 'names the leaf when a later certificate of the chain expires the same day',
    facts: tlsFacts({
      probe: probe({
        chain: [cert({ notAfter: inDays(20) }), cert({ subject: 'CN=intermediate', notAfter: inDays(20) })],
      }),
    }),
    expect: [
      {
        status: 'fail',
        severity: 'high',
        message:
          'The API server certificate at 10.0.0.10:6443 (CN=kube-apiserver) expires on 2026-06-21, in 20 day(s).',
      },
    ],
  },
  {
    name: 'names the position and subject of the intermediate that expires first, skipping an unreadable date',
    facts: tlsFacts({
      probe: probe({
        chain: [cert({ notAfter: 'not a date' }), cert({ subject: 'CN=intermediate', notAfter: inDays(10) })],
      }),
    }),
    expect: [
      {
        status: 'fail',
        severity: 'high',
        message:
          'Certificate 2 of the chain served by 10.0.0.10:6443 (CN=intermediate) expires on 2026-06-11, in 10 day(s).',
      },
    ],
  },
  {
    name: 'is unknown when no certificate date of the chain can be read',
    facts: tlsFacts({ probe: probe({ chain: [cert({ notAfter: 'not a date' })] }) }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        kind: 'Certificate',
        message: 'Could not read the certificate dates served by 10.0.0.10:6443.',
      },
    ],
  },
]);
