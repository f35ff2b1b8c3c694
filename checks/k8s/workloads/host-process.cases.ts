import { defineCases } from '../../../test/support/cases';
import { container, deployment, workloadFacts } from './fixtures';
import check from './host-process';

export default defineCases(check, [
  {
    name: 'fails hostProcess at pod or container level and passes a Windows pod without it',
    facts: workloadFacts([
      deployment('a', { os: 'windows', hostProcess: true }),
      deployment('b', { os: 'windows', containers: [container('app', { hostProcess: true })] }),
      deployment('c', { os: 'windows', containers: [container('app', { hostProcess: false })] }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'the pod sets windowsOptions.hostProcess: true' },
      { status: 'fail', resource: 'shop/b', message: 'container app sets windowsOptions.hostProcess: true' },
      { status: 'pass', resource: 'shop/c' },
    ],
  },
]);
