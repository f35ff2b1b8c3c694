import { defineCases } from '../../../test/support/cases';
import { container, deployment, enforcing, namespace, UNASSESSED, workloadFacts } from './fixtures';
import check from './privileged';

export default defineCases(check, [
  {
    name: 'fails a workload whose init container is privileged, naming it, and passes one that sets privileged: false',
    facts: workloadFacts([
      deployment('web', { containers: [container('setup', { type: 'init', privileged: true }), container('app')] }),
      deployment('api', { containers: [container('app', { privileged: false })] }),
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/web',
        message: 'init container setup is privileged',
        evidence: { offences: ['init container setup is privileged'] },
      },
      { status: 'pass', resource: 'shop/api', message: 'runs no privileged container' },
    ],
  },
  {
    name: 'judges an ephemeral container of a bare Pod like any other',
    facts: workloadFacts([
      {
        ...deployment('debug', {
          containers: [container('app'), container('dbg', { type: 'ephemeral', privileged: true })],
        }),
        kind: 'Pod',
      },
    ]),
    expect: [{ status: 'fail', kind: 'Pod', message: 'ephemeral container dbg is privileged' }],
  },
  {
    name: 'fails a privileged workload in a namespace that enforces baseline, with the admission as evidence',
    facts: workloadFacts(
      [deployment('web', { containers: [container('app', { privileged: true })] })],
      [enforcing('shop', 'baseline')],
    ),
    expect: [
      {
        status: 'fail',
        message: 'enforces Pod Security level baseline, which rejects new pods like these',
        evidence: { admission: { enforce: 'baseline', forbids: true } },
      },
    ],
  },
  {
    name: 'passes with the admission as evidence only where the namespace level forbids it too',
    facts: workloadFacts(
      [deployment('a/web', {}), deployment('b/web', {}), deployment('c/web', {})],
      [enforcing('a', 'privileged'), namespace('b'), enforcing('c', 'restricted')],
    ),
    expect: [
      { status: 'pass', resource: 'a/web' },
      { status: 'pass', resource: 'b/web' },
      { status: 'pass', resource: 'c/web', evidence: { admission: { enforce: 'restricted', forbids: true } } },
    ],
  },
  {
    name: 'is unknown for a workload whose pod template was not seen, never pass',
    facts: workloadFacts([deployment('web', null)]),
    expect: [{ status: 'unknown', resource: 'shop/web', message: 'was not seen' }],
  },
  {
    name: 'leaves out the excluded namespaces, and passes a cluster with no other workload',
    facts: workloadFacts([deployment('kube-system/cni', { containers: [container('c', { privileged: true })] })]),
    expect: [{ status: 'pass', kind: 'Cluster', message: 'runs no workload outside the excluded namespaces' }],
  },
  {
    name: 'is unknown when the workloads could not be listed',
    facts: UNASSESSED,
    expect: [{ status: 'unknown', message: 'forbidden: list pods' }],
  },
  {
    name: 'gives no admission evidence for a namespace whose labels were not seen',
    facts: workloadFacts(
      [deployment('repo/x', { containers: [container('app', { privileged: true })] })],
      [{ name: 'repo', labels: {}, inferred: true }],
    ),
    expect: [{ status: 'fail', resource: 'repo/x', evidence: { admission: undefined } }],
  },
  {
    name: 'is unknown for a pod spec with no container: a malformed template proves nothing',
    facts: workloadFacts([deployment('web', { containers: [] })]),
    expect: [{ status: 'unknown', resource: 'shop/web', message: 'no container' }],
  },
]);
