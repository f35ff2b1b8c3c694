import { defineCases } from '../../../test/support/cases';
import { container, deployment, workloadFacts } from './fixtures';
import check from './host-port';

export default defineCases(check, [
  {
    name: 'fails a container with host ports and passes one without',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', { hostPorts: [80, 443] })] }),
      deployment('b', {}),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'container app binds host port(s) 80, 443' },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
  {
    name: 'passes a container whose host port list is empty',
    facts: workloadFacts([deployment('a', { containers: [container('app', { hostPorts: [] })] })]),
    expect: [{ status: 'pass', resource: 'shop/a', message: 'binds no port of the node.' }],
  },
]);
