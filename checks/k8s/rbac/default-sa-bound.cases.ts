import { defineCases } from '../../../test/support/cases';
import check from './default-sa-bound';
import { clusterRole, crb, DEFAULTS, rb, rbacFacts, rule, sa, withDefaults } from './fixtures';

export default defineCases(check, [
  {
    name: 'fails the default ServiceAccount bound in its namespace and passes the unbound ones',
    facts: {
      ...rbacFacts(
        withDefaults({
          roles: [clusterRole('reader', [rule(['get'], ['configmaps'])])],
          bindings: [rb('web', 'default-reader', { kind: 'ClusterRole', name: 'reader' }, [sa('web', 'default')])],
        }),
      ),
      'k8s.serviceAccounts': {
        ok: true,
        value: [
          { namespace: 'web', name: 'default' },
          { namespace: 'ci', name: 'default' },
        ],
      },
    },
    expect: [
      { status: 'fail', resource: 'web/default', message: 'RoleBinding web/default-reader' },
      { status: 'pass', resource: 'ci/default' },
    ],
  },
  {
    name: 'passes the cluster as a whole when no default ServiceAccount is bound and ServiceAccounts were not listed',
    facts: rbacFacts(DEFAULTS),
    expect: [{ status: 'pass', kind: 'Cluster' }],
  },
  {
    name: 'fails the default ServiceAccount bound to a Role that does not exist: it grants as soon as the Role is created',
    facts: rbacFacts(
      withDefaults({
        bindings: [rb('web', 'default-later', { kind: 'Role', name: 'not-yet' }, [sa('web', 'default')])],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'web/default',
        message: 'RoleBinding web/default-later (Role web/not-yet, which does not exist)',
      },
    ],
  },
  {
    name: 'fails the default ServiceAccount bound cluster-wide to a missing ClusterRole',
    facts: rbacFacts(withDefaults({ bindings: [crb('default-everywhere', 'ghost', [sa('shop', 'default')])] })),
    expect: [{ status: 'fail', resource: 'shop/default', message: 'bound cluster-wide' }],
  },
]);
