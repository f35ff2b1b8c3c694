import { defineCases } from '../../test/support/cases';
import check from './cert-expiry';

const cert = (path: string, notAfter: string) => ({ path, notAfter, subject: 'CN = kubernetes' });

export default defineCases(check, [
  {
    name: 'passes a certificate valid for a year and fails high one that expires in 20 days',
    now: '2026-06-01T00:00:00Z',
    facts: {
      'host.certs': {
        ok: true,
        value: [
          cert('/etc/kubernetes/pki/ca.crt', '2027-06-01T00:00:00.000Z'),
          cert('/etc/kubernetes/pki/apiserver.crt', '2026-06-21T12:00:00.000Z'),
        ],
      },
    },
    expect: [
      { status: 'pass', kind: 'Certificate', resource: '/etc/kubernetes/pki/ca.crt' },
      {
        status: 'fail',
        severity: 'high',
        resource: '/etc/kubernetes/pki/apiserver.crt',
        message: 'expires in 20 days',
      },
    ],
  },
  {
    name: 'fails critical a certificate that expires in 3 days',
    now: '2026-06-01T00:00:00Z',
    facts: {
      'host.certs': {
        ok: true,
        value: [cert('/var/lib/kubelet/pki/kubelet-client-current.pem', '2026-06-04T01:00:00.000Z')],
      },
    },
    expect: [{ status: 'fail', severity: 'critical', message: 'expires in 3 days' }],
  },
  {
    name: 'fails critical an expired certificate',
    now: '2026-06-01T00:00:00Z',
    facts: {
      'host.certs': { ok: true, value: [cert('/etc/kubernetes/pki/etcd/server.crt', '2026-05-01T00:00:00.000Z')] },
    },
    expect: [{ status: 'fail', severity: 'critical', message: 'expired on 2026-05-01' }],
  },
  {
    name: 'follows the configured thresholds (60 days high)',
    now: '2026-06-01T00:00:00Z',
    options: { certExpiryDays: { high: 60, critical: 7 } },
    facts: { 'host.certs': { ok: true, value: [cert('/etc/kubernetes/pki/ca.crt', '2026-07-15T00:00:00.000Z')] } },
    expect: [{ status: 'fail', severity: 'high' }],
  },
  {
    name: 'is unknown for a certificate openssl could not read',
    facts: {
      'host.certs': { ok: true, value: [{ path: '/etc/kubernetes/pki/ca.crt', error: 'openssl is not installed' }] },
    },
    expect: [{ status: 'unknown', message: 'openssl is not installed' }],
  },
  {
    name: 'is not applicable without certificates',
    facts: { 'host.certs': { ok: true, value: [] } },
    expect: [{ status: 'not-applicable' }],
  },
]);
