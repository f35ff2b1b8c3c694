import { defineCases } from '../../../test/support/cases';
import { deployment, workloadFacts } from './fixtures';
import check from './host-path';

export default defineCases(check, [
  {
    name: 'fails a hostPath volume, naming the path, and passes a pod without one',
    facts: workloadFacts([
      deployment('a', { hostPathVolumes: [{ name: 'sock', path: '/var/run/docker.sock' }] }),
      deployment('b', {}),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'volume sock mounts hostPath /var/run/docker.sock' },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
]);
