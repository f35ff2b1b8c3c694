import { defineCases } from '../../../test/support/cases';
import { container, deployment, enforcing, workloadFacts } from './fixtures';
import check from './privilege-escalation';

export default defineCases(check, [
  {
    name: 'fails containers that leave allowPrivilegeEscalation unset or true, and passes one that sets false everywhere',
    facts: workloadFacts([
      deployment('a', {
        containers: [
          container('init', { type: 'init', allowPrivilegeEscalation: false }),
          container('app'),
          container('side', { allowPrivilegeEscalation: true }),
        ],
      }),
      deployment('b', { containers: [container('app', { allowPrivilegeEscalation: false })] }),
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/a',
        evidence: {
          offences: [
            'container app does not set allowPrivilegeEscalation: false (it defaults to true)',
            'container side sets allowPrivilegeEscalation: true',
          ],
        },
      },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
  {
    name: 'is not applicable to Windows pods',
    facts: workloadFacts([deployment('win', { os: 'windows' })]),
    expect: [{ status: 'not-applicable', message: 'runs Windows pods' }],
  },
  {
    name: 'says a namespace enforcing baseline does not forbid it, and one enforcing restricted does',
    facts: workloadFacts(
      [deployment('a/x', {}), deployment('b/x', {})],
      [enforcing('a', 'baseline'), enforcing('b', 'restricted')],
    ),
    expect: [
      { status: 'fail', resource: 'a/x', evidence: { admission: { forbids: false } } },
      { status: 'fail', resource: 'b/x', evidence: { admission: { forbids: true } } },
    ],
  },
]);
