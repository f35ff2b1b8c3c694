import { defineCases } from '../../../test/support/cases';
import check, { CLUSTER_ADMIN_POLICY } from './admin-access-entries';
import { DENIED, eks, NOT_EKS } from './case-helpers';

const ADMIN = 'arn:aws:iam::111122223333:role/admin';
const DEV = 'arn:aws:iam::111122223333:role/dev';
const view = {
  policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
  scope: 'cluster',
  namespaces: [],
};

export default defineCases(check, [
  {
    name: 'passes when no access entry holds cluster-admin',
    facts: eks({}, [{ principalArn: DEV, type: 'STANDARD', kubernetesGroups: [], policies: [view] }]),
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'None of the 1 access entries of prod holds cluster-admin.',
        evidence: { accessEntries: 1 },
      },
    ],
  },
  {
    name: 'fails for each entry with AmazonEKSClusterAdminPolicy on the cluster',
    facts: eks({}, [
      {
        principalArn: ADMIN,
        kubernetesGroups: [],
        policies: [{ policyArn: CLUSTER_ADMIN_POLICY, scope: 'cluster', namespaces: [] }],
      },
      { principalArn: DEV, kubernetesGroups: [], policies: [view] },
    ]),
    expect: [
      {
        status: 'fail',
        kind: 'EksAccessEntry',
        resource: ADMIN,
        message: `${ADMIN} holds cluster-admin on prod through AmazonEKSClusterAdminPolicy on the whole cluster.`,
        evidence: { principalArn: ADMIN, policies: [CLUSTER_ADMIN_POLICY], kubernetesGroups: [] },
      },
    ],
  },
  {
    name: 'fails for an entry in the system:masters group',
    facts: eks({}, [{ principalArn: DEV, kubernetesGroups: ['developers', 'system:masters'], policies: [view] }]),
    expect: [
      {
        status: 'fail',
        kind: 'EksAccessEntry',
        resource: DEV,
        message: `${DEV} holds cluster-admin on prod through the system:masters group.`,
        evidence: { principalArn: DEV, policies: [view.policyArn], kubernetesGroups: ['developers', 'system:masters'] },
      },
    ],
  },
  {
    name: 'passes when the admin policy is scoped to namespaces',
    facts: eks({}, [
      {
        principalArn: DEV,
        kubernetesGroups: [],
        policies: [{ policyArn: CLUSTER_ADMIN_POLICY, scope: 'namespace', namespaces: ['team'] }],
      },
    ]),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'is unknown with the reason when the access entries could not be listed',
    facts: {
      ...eks(),
      'eks.accessEntries': { ok: false, reason: 'eks:ListAccessEntries denied (AccessDeniedException)' },
    },
    expect: [
      {
        status: 'unknown',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'Could not assess the access entries of prod: eks:ListAccessEntries denied (AccessDeniedException).',
      },
    ],
  },
  {
    name: 'is unknown when the access entries were not collected',
    facts: eks(),
    expect: [{ status: 'unknown', message: 'Could not assess the access entries of prod: not collected.' }],
  },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [{ status: 'unknown', message: 'denied' }],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
