import { defineCases } from '../../../test/support/cases';
import { deployment, workloadFacts } from './fixtures';
import check from './host-pid';

export default defineCases(check, [
  {
    name: 'fails a pod spec with hostPID: true and passes one with hostPID: false or unset',
    facts: workloadFacts([
      deployment('a', { hostPID: true }),
      deployment('b', { hostPID: false }),
      deployment('c', {}),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'the pod sets hostPID: true' },
      { status: 'pass', resource: 'shop/b' },
      { status: 'pass', resource: 'shop/c' },
    ],
  },
  {
    name: 'does not confuse hostIPC with hostPID',
    facts: workloadFacts([deployment('a', { hostIPC: true })]),
    expect: [{ status: 'pass', resource: 'shop/a' }],
  },
]);
