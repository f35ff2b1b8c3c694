import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './supported-version';

export default defineCases(check, [
  {
    name: 'passes on the last day of standard support',
    facts: eks({ version: '1.33' }),
    now: '2026-07-29T23:59:59Z',
    expect: [{ status: 'pass', evidence: { standardSupportEnds: '2026-07-29' } }],
  },
  {
    name: 'fails the day after standard support ended',
    facts: eks({ version: '1.33' }),
    now: '2026-07-30T00:00:00Z',
    expect: [{ status: 'fail', message: 'past the end of standard support (2026-07-29)' }],
  },
  {
    name: 'fails on a long unsupported version',
    facts: eks({ version: '1.24' }),
    now: '2026-06-01T00:00:00Z',
    expect: [{ status: 'fail' }],
  },
  {
    name: 'is unknown for a version the table does not know',
    facts: eks({ version: '1.99' }),
    expect: [{ status: 'unknown', message: 'does not know Kubernetes 1.99' }],
  },
  { name: 'is unknown without a version', facts: eks({ version: undefined }), expect: [{ status: 'unknown' }] },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [{ status: 'unknown', message: 'denied' }],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
