import { defineCases } from '../../../test/support/cases';
import check from './capabilities';
import { container, deployment, workloadFacts } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes drop ALL with NET_BIND_SERVICE added back',
    facts: workloadFacts([
      deployment('a', {
        containers: [container('app', { capabilitiesDrop: ['ALL'], capabilitiesAdd: ['NET_BIND_SERVICE'] })],
      }),
    ]),
    expect: [{ status: 'pass', resource: 'shop/a' }],
  },
  {
    name: 'fails keeping the defaults (medium) and adding SYS_ADMIN (high, outside the baseline set)',
    facts: workloadFacts([
      deployment('a', {}),
      deployment('b', {
        containers: [container('app', { capabilitiesDrop: ['ALL'], capabilitiesAdd: ['SYS_ADMIN'] })],
      }),
      deployment('c', { containers: [container('app', { capabilitiesAdd: ['CHOWN'] })] }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', severity: 'medium', message: 'container app does not drop ALL' },
      { status: 'fail', resource: 'shop/b', severity: 'high', message: 'adds SYS_ADMIN' },
      { status: 'fail', resource: 'shop/c', severity: 'medium', message: 'adds CHOWN and does not drop ALL' },
    ],
  },
  {
    name: 'fails adding two capabilities, naming both in one comma-separated list',
    facts: workloadFacts([
      deployment('a', {
        containers: [container('app', { capabilitiesDrop: ['ALL'], capabilitiesAdd: ['SYS_ADMIN', 'NET_ADMIN'] })],
      }),
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/a',
        severity: 'high',
        evidence: { offences: ['container app adds SYS_ADMIN, NET_ADMIN'] },
      },
    ],
  },
]);
