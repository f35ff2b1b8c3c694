import { defineCases } from '../../../test/support/cases';
import { cert, inDays } from './fixtures';
import check from './secret-expiry';

export default defineCases(check, [
  {
    name: 'passes, fails high and fails critical by days left, per Secret',
    facts: {
      'k8s.tlsSecrets': {
        ok: true,
        value: [
          {
            namespace: 'shop',
            name: 'web-tls',
            certificate: cert({ subject: 'CN=shop.example.com', notAfter: inDays(90) }),
          },
          { namespace: 'shop', name: 'api-tls', certificate: cert({ notAfter: inDays(12) }) },
          { namespace: 'kube-system', name: 'webhook-tls', certificate: cert({ notAfter: inDays(2) }) },
          { namespace: 'old', name: 'legacy-tls', certificate: cert({ notAfter: inDays(-40) }) },
        ],
      },
    },
    expect: [
      { status: 'pass', resource: 'shop/web-tls', kind: 'Secret' },
      { status: 'fail', resource: 'shop/api-tls', severity: 'high', message: 'in 12 day(s)' },
      { status: 'fail', resource: 'kube-system/webhook-tls', severity: 'critical' },
      { status: 'fail', resource: 'old/legacy-tls', severity: 'critical', message: 'expired' },
    ],
  },
  {
    name: 'is unknown for a Secret whose tls.crt could not be parsed',
    facts: {
      'k8s.tlsSecrets': {
        ok: true,
        value: [{ namespace: 'shop', name: 'broken', certificate: null, error: 'no PEM certificate found' }],
      },
    },
    expect: [{ status: 'unknown', resource: 'shop/broken', message: 'no PEM certificate found' }],
  },
  {
    name: 'is unknown when reading Secrets is not enabled',
    facts: { 'k8s.tlsSecrets': { ok: false, reason: 'not enabled: set clusters[].readTlsSecrets' } },
    expect: [{ status: 'unknown', message: 'readTlsSecrets' }],
  },
  {
    name: 'pins the whole sentence and the evidence of a Secret, and is unknown for an unreadable date',
    facts: {
      'k8s.tlsSecrets': {
        ok: true,
        value: [
          {
            namespace: 'shop',
            name: 'web-tls',
            certificate: cert({ subject: 'CN=shop.example.com', notAfter: inDays(90), sans: ['DNS:shop.example.com'] }),
          },
          { namespace: 'shop', name: 'odd-tls', certificate: cert({ notAfter: 'not a date' }) },
          { namespace: 'shop', name: 'empty', certificate: null },
          { namespace: 'shop', name: 'broken', certificate: null, error: 'tls.crt: no PEM block.' },
        ],
      },
    },
    expect: [
      {
        status: 'pass',
        resource: 'shop/web-tls',
        message: 'The certificate in Secret shop/web-tls is valid until 2026-08-30 (90 days).',
        evidence: {
          subject: 'CN=shop.example.com',
          issuer: 'CN=kubernetes',
          notAfter: inDays(90),
          daysLeft: 90,
          sans: ['DNS:shop.example.com'],
        },
      },
      {
        status: 'unknown',
        resource: 'shop/odd-tls',
        kind: 'Secret',
        message: 'Could not read the expiry date of The certificate in Secret shop/odd-tls.',
      },
      {
        status: 'unknown',
        resource: 'shop/empty',
        message: 'Could not read the certificate of Secret shop/empty: no certificate.',
      },
      {
        status: 'unknown',
        resource: 'shop/broken',
        message: 'Could not read the certificate of Secret shop/broken: tls.crt: no PEM block.',
      },
    ],
  },
]);
