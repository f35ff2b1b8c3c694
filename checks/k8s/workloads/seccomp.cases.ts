import { defineCases } from '../../../test/support/cases';
import { container, deployment, enforcing, workloadFacts } from './fixtures';
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
  {
    name: 'says baseline forbids Unconfined but not a missing profile, and restricted forbids both',
    facts: workloadFacts(
      [
        deployment('a/unconfined', { seccompProfile: 'Unconfined' }),
        deployment('a/unset', {}),
        deployment('b/unset', {}),
        deployment('a/clean', { seccompProfile: 'RuntimeDefault' }),
      ],
      [enforcing('a', 'baseline'), enforcing('b', 'restricted')],
    ),
    expect: [
      { status: 'fail', resource: 'a/unconfined', evidence: { admission: { enforce: 'baseline', forbids: true } } },
      { status: 'fail', resource: 'a/unset', evidence: { admission: { enforce: 'baseline', forbids: false } } },
      { status: 'fail', resource: 'b/unset', evidence: { admission: { enforce: 'restricted', forbids: true } } },
      { status: 'pass', resource: 'a/clean' },
    ],
  },
]);
