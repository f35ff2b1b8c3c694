import { defineCases } from '../../../test/support/cases';
import { container, deployment, workloadFacts } from './fixtures';
import check from './net-raw';

export default defineCases(check, [
  {
    name: 'passes containers that drop NET_RAW, CAP_NET_RAW or ALL',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', { capabilitiesDrop: ['NET_RAW'] })] }),
      deployment('b', { containers: [container('app', { capabilitiesDrop: ['CAP_NET_RAW'] })] }),
      deployment('c', { containers: [container('app', { capabilitiesDrop: ['ALL'] })] }),
    ]),
    expect: [
      { status: 'pass', resource: 'shop/a' },
      { status: 'pass', resource: 'shop/b' },
      { status: 'pass', resource: 'shop/c' },
    ],
  },
  {
    name: 'fails the runtime default, an added NET_RAW despite drop ALL, and a privileged container',
    facts: workloadFacts([
      deployment('a', {}),
      deployment('b', { containers: [container('app', { capabilitiesDrop: ['ALL'], capabilitiesAdd: ['NET_RAW'] })] }),
      deployment('c', { containers: [container('app', { privileged: true, capabilitiesDrop: ['ALL'] })] }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'does not drop NET_RAW' },
      { status: 'fail', resource: 'shop/b', message: 'adds NET_RAW' },
      { status: 'fail', resource: 'shop/c', message: 'is privileged' },
    ],
  },
]);
