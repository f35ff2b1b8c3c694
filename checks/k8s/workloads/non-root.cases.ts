import { defineCases } from '../../../test/support/cases';
import { container, deployment, workloadFacts } from './fixtures';
import check from './non-root';

export default defineCases(check, [
  {
    name: 'passes runAsNonRoot: true at pod level, and a non-zero runAsUser in the container',
    facts: workloadFacts([
      deployment('a', { runAsNonRoot: true }),
      deployment('b', { containers: [container('app', { runAsUser: 1000 })] }),
    ]),
    expect: [
      { status: 'pass', resource: 'shop/a' },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
  {
    name: 'fails UID 0 even under runAsNonRoot: true, and a container that overrides the pod with runAsNonRoot: false',
    facts: workloadFacts([
      deployment('a', { runAsNonRoot: true, containers: [container('app', { runAsUser: 0 })] }),
      deployment('b', { runAsNonRoot: true, containers: [container('app', { runAsNonRoot: false })] }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'container app runs as UID 0' },
      { status: 'fail', resource: 'shop/b', message: 'container app sets runAsNonRoot: false' },
    ],
  },
  {
    name: 'fails a container that sets neither (the image decides), and the pod-level runAsUser: 0 an init container inherits',
    facts: workloadFacts([
      deployment('a', {}),
      deployment('b', {
        runAsUser: 0,
        containers: [container('init', { type: 'init' }), container('app', { runAsUser: 1000 })],
      }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'the image decides whether it runs as root' },
      {
        status: 'fail',
        resource: 'shop/b',
        evidence: { offences: ['init container init runs as UID 0 (runAsUser: 0)'] },
      },
    ],
  },
]);
