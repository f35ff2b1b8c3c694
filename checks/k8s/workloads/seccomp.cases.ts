import { defineCases } from '../../../test/support/cases';
import { container, deployment, workloadFacts } from './fixtures';
import check from './seccomp';

export default defineCases(check, [
  {
    name: 'passes RuntimeDefault at pod level and Localhost in every container',
    facts: workloadFacts([
      deployment('a', { seccompProfile: 'RuntimeDefault' }),
      deployment('b', { containers: [container('app', { seccompProfile: 'Localhost' })] }),
    ]),
    expect: [
      { status: 'pass', resource: 'shop/a' },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
  {
    name: 'fails no profile, and a container that overrides the pod with Unconfined',
    facts: workloadFacts([
      deployment('a', {}),
      deployment('b', {
        seccompProfile: 'RuntimeDefault',
        containers: [container('app', { seccompProfile: 'Unconfined' })],
      }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'container app has no seccomp profile' },
      { status: 'fail', resource: 'shop/b', message: 'container app runs with seccomp profile Unconfined' },
    ],
  },
]);
