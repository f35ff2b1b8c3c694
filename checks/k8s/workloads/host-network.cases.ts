import { defineCases } from '../../../test/support/cases';
import { deployment, workloadFacts } from './fixtures';
import check from './host-network';

export default defineCases(check, [
  {
    name: 'fails a workload on the host network and passes one that is not',
    facts: workloadFacts([deployment('a', {}, { hostNetwork: true }), deployment('b', {})]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'the pod sets hostNetwork: true' },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
]);
