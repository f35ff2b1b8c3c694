import type { KService, KWorkload } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';
import { defineCases } from '../../../test/support/cases';
import check from './default-namespace';
import { deployment } from './fixtures';

const svc = (namespace: string, name: string): KService => ({ namespace, name, type: 'ClusterIP', ports: [] });
const facts = (workloads: KWorkload[], services: KService[]): FactSet => ({
  'k8s.workloads': { ok: true, value: workloads },
  'k8s.services': { ok: true, value: services },
});

export default defineCases(check, [
  {
    name: 'passes when default holds only the API server Service',
    facts: facts([deployment('shop/web', {})], [svc('default', 'kubernetes'), svc('shop', 'web')]),
    expect: [{ status: 'pass', kind: 'Namespace', resource: 'default' }],
  },
  {
    name: 'fails each workload and Service in default',
    facts: facts([deployment('default/web', {})], [svc('default', 'kubernetes'), svc('default', 'web')]),
    expect: [
      { status: 'fail', kind: 'Deployment', resource: 'default/web' },
      { status: 'fail', kind: 'Service', resource: 'default/web' },
    ],
  },
  {
    name: 'is not applicable when the configuration excludes default',
    facts: facts([deployment('default/web', {})], []),
    options: { excludedNamespaces: ['default'] },
    expect: [{ status: 'not-applicable', resource: 'default' }],
  },
  {
    name: 'is unknown when Services could not be listed',
    facts: {
      'k8s.workloads': { ok: true, value: [] },
      'k8s.services': { ok: false, reason: 'forbidden: list services' },
    },
    expect: [{ status: 'unknown', message: 'forbidden: list services' }],
  },
]);
