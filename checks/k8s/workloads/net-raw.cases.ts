import { defineCases } from '../../../test/support/cases';
import { container, deployment, enforcing, workloadFacts } from './fixtures';
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
  {
    name: 'passes dropping ALL while adding capabilities other than NET_RAW',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', { capabilitiesDrop: ['ALL'], capabilitiesAdd: ['CHOWN'] })] }),
    ]),
    expect: [{ status: 'pass', resource: 'shop/a', message: 'runs no container with the NET_RAW capability.' }],
  },
  {
    name: 'fails adding NET_RAW and ALL despite drop ALL, naming both in one comma-separated list',
    facts: workloadFacts([
      deployment('a', {
        containers: [container('app', { capabilitiesDrop: ['ALL'], capabilitiesAdd: ['NET_RAW', 'ALL'] })],
      }),
    ]),
    expect: [{ status: 'fail', resource: 'shop/a', evidence: { offences: ['container app adds NET_RAW, ALL'] } }],
  },
  {
    name: 'under an enforced baseline, a privileged container or an added SYS_ADMIN is rejected and the runtime default is not',
    facts: workloadFacts(
      [
        deployment('a', { containers: [container('app', { privileged: true })] }),
        deployment('b', { containers: [container('app', { capabilitiesAdd: ['SYS_ADMIN'] })] }),
        deployment('c', {}),
      ],
      [enforcing('shop', 'baseline')],
    ),
    expect: [
      { status: 'fail', resource: 'shop/a', evidence: { admission: { enforce: 'baseline', forbids: true } } },
      { status: 'fail', resource: 'shop/b', evidence: { admission: { enforce: 'baseline', forbids: true } } },
      { status: 'fail', resource: 'shop/c', evidence: { admission: { enforce: 'baseline', forbids: false } } },
    ],
  },
]);
