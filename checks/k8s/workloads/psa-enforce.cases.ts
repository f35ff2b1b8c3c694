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
]);
