import { defineCases } from '../../../test/support/cases';
import { deployment, enforcing, namespace, workloadFacts } from './fixtures';
import check from './psa-enforce';

export default defineCases(check, [
  {
    name: 'passes baseline and restricted, fails privileged and a missing label, for namespaces that run workloads',
    facts: workloadFacts(
      [deployment('a/x', {}), deployment('b/x', {}), deployment('c/x', {}), deployment('d/x', {})],
      [
        enforcing('a', 'baseline'),
        namespace('b', {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'v1.30',
        }),
        enforcing('c', 'privileged'),
        namespace('d', { 'pod-security.kubernetes.io/warn': 'restricted' }),
      ],
    ),
    expect: [
      { status: 'pass', resource: 'a', message: 'enforces the baseline Pod Security level' },
      {
        status: 'pass',
        resource: 'b',
        message: '(version v1.30)',
        evidence: { enforce: 'restricted', version: 'v1.30' },
      },
      { status: 'fail', resource: 'c', message: 'enforces the privileged level' },
      { status: 'fail', resource: 'd', message: 'has no pod-security.kubernetes.io/enforce label' },
    ],
  },
  {
    name: 'is not applicable to a namespace without workloads, unknown for a value that is not a level, and skips the excluded',
    facts: workloadFacts([deployment('b/x', {})], [namespace('a'), enforcing('b', 'strict'), namespace('kube-system')]),
    expect: [
      { status: 'not-applicable', resource: 'a' },
      { status: 'unknown', resource: 'b', message: 'not a Pod Security level' },
    ],
  },
  {
    name: 'is unknown for a namespace known only from the objects in it (manifests without its Namespace object)',
    facts: workloadFacts([deployment('repo/x', {})], [{ name: 'repo', labels: {}, inferred: true }]),
    expect: [{ status: 'unknown', resource: 'repo', message: 'its labels are not in the input' }],
  },
  {
    name: 'passes a Namespace enforcing restricted without a version, counting each of its workloads',
    facts: workloadFacts([deployment('a/x', {}), deployment('a/y', {})], [enforcing('a', 'restricted')]),
    expect: [
      {
        status: 'pass',
        kind: 'Namespace',
        resource: 'a',
        message: 'Namespace a enforces the restricted Pod Security level.',
        evidence: { enforce: 'restricted', version: undefined, workloads: 2 },
      },
    ],
  },
  {
    name: 'passes the cluster when every namespace is excluded',
    facts: workloadFacts([deployment('a/x', {})], [enforcing('a', 'restricted')]),
    options: { excludedNamespaces: ['a'] },
    expect: [{ status: 'pass', kind: 'Cluster', message: 'has no namespace outside the excluded ones.' }],
  },
]);
