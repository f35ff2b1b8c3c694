import { defineCases } from '../../../test/support/cases';
import { deployment, workloadFacts } from './fixtures';
import check from './host-ipc';

export default defineCases(check, [
  {
    name: 'fails a pod spec with hostIPC: true and passes one without it',
    facts: workloadFacts([deployment('a', { hostIPC: true }), deployment('b', { hostPID: true })]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'the pod sets hostIPC: true' },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
]);
