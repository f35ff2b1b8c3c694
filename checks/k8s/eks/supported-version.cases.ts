import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './supported-version';
import { EKS_VERSIONS_WRITTEN_ON } from './versions';

export default defineCases(check, [
  {
    name: 'passes on the last day of standard support',
    facts: eks({ version: '1.33' }),
    now: '2026-07-29T23:59:59Z',
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'prod runs Kubernetes 1.33, in standard support until 2026-07-29.',
        evidence: { version: '1.33', standardSupportEnds: '2026-07-29', tableWrittenOn: EKS_VERSIONS_WRITTEN_ON },
      },
    ],
  },
  {
    name: 'fails the day after standard support ended',
    facts: eks({ version: '1.33' }),
    now: '2026-07-30T00:00:00Z',
    expect: [
      {
        status: 'fail',
        message: 'prod runs Kubernetes 1.33, past the end of standard support (2026-07-29).',
        evidence: { version: '1.33', standardSupportEnds: '2026-07-29', tableWrittenOn: EKS_VERSIONS_WRITTEN_ON },
      },
    ],
  },
  {
    name: 'fails on a long unsupported version',
    facts: eks({ version: '1.24' }),
    now: '2026-06-01T00:00:00Z',
    expect: [{ status: 'fail', message: 'prod runs Kubernetes 1.24, past the end of standard support (2024-01-31).' }],
  },
  {
    name: 'is unknown for a version the table does not know',
    facts: eks({ version: '1.99' }),
    expect: [
      {
        status: 'unknown',
        kind: 'EksCluster',
        resource: 'prod',
        message: `Could not assess: the version table (written on ${EKS_VERSIONS_WRITTEN_ON}) does not know Kubernetes 1.99.`,
        evidence: { version: '1.99', tableWrittenOn: EKS_VERSIONS_WRITTEN_ON, standardSupportEnds: undefined },
      },
    ],
  },
  {
    name: 'is unknown when DescribeCluster gave no version',
    facts: eks({ version: undefined }),
    expect: [
      {
        status: 'unknown',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'Could not assess: DescribeCluster of prod gave no version.',
      },
    ],
  },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess: eks.cluster: eks:DescribeCluster denied (AccessDeniedException).',
      },
    ],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
