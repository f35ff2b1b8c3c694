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
  {
    name: 'fails critical on its last day, high at exactly the critical threshold, passes at exactly the high threshold',
    now: '2026-06-01T00:00:00Z',
    facts: {
      'host.certs': {
        ok: true,
        value: [
          cert('/pki/last-day.crt', '2026-06-01T23:00:00.000Z'),
          cert('/pki/seven.crt', '2026-06-08T00:00:00.000Z'),
          cert('/pki/thirty.crt', '2026-07-01T00:00:00.000Z'),
          { path: '/pki/no-subject.crt', notAfter: '2026-06-07T12:00:00.000Z' },
        ],
      },
    },
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        resource: '/pki/last-day.crt',
        message: 'Certificate /pki/last-day.crt on node-1 expires in 0 days (2026-06-01).',
        evidence: { notAfter: '2026-06-01T23:00:00.000Z', daysLeft: 0, subject: 'CN = kubernetes' },
      },
      {
        status: 'fail',
        severity: 'high',
        resource: '/pki/seven.crt',
        message: 'Certificate /pki/seven.crt on node-1 expires in 7 days (2026-06-08).',
        evidence: { daysLeft: 7 },
      },
      {
        status: 'pass',
        resource: '/pki/thirty.crt',
        message: 'Certificate /pki/thirty.crt on node-1 is valid for 30 more days (2026-07-01).',
        evidence: { notAfter: '2026-07-01T00:00:00.000Z', daysLeft: 30, subject: 'CN = kubernetes' },
      },
      {
        status: 'fail',
        severity: 'critical',
        resource: '/pki/no-subject.crt',
        message: 'expires in 6 days (2026-06-07).',
        evidence: { daysLeft: 6, subject: undefined },
      },
    ],
  },
  {
    name: 'fails critical, saying the date, a certificate that expired an hour ago',
    now: '2026-06-01T00:00:00Z',
    facts: { 'host.certs': { ok: true, value: [cert('/pki/old.crt', '2026-05-31T23:00:00.000Z')] } },
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        message: 'Certificate /pki/old.crt on node-1 expired on 2026-05-31.',
        evidence: { daysLeft: -1 },
      },
    ],
  },
  {
    name: 'is unknown for a certificate without an expiry date or error',
    facts: { 'host.certs': { ok: true, value: [{ path: '/pki/odd.crt' }] } },
    expect: [
      {
        status: 'unknown',
        kind: 'Certificate',
        resource: '/pki/odd.crt',
        message: 'Could not assess certificate /pki/odd.crt on node-1: no expiry date.',
      },
    ],
  },
  {
    name: 'is unknown for a certificate with an error even when a date was read',
    facts: {
      'host.certs': {
        ok: true,
        value: [{ path: '/pki/half.crt', notAfter: '2030-01-01T00:00:00.000Z', error: 'truncated output' }],
      },
    },
    expect: [{ status: 'unknown', message: 'Could not assess certificate /pki/half.crt on node-1: truncated output.' }],
  },
  {
    name: 'is not applicable, saying where it looked, without certificates',
    facts: { 'host.certs': { ok: true, value: [] } },
    expect: [
      {
        status: 'not-applicable',
        kind: 'Host',
        resource: 'node-1',
        message: 'node-1 has no certificate under /etc/kubernetes/pki or /var/lib/kubelet/pki.',
      },
    ],
  },
]);
