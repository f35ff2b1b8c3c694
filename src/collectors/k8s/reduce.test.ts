import { LISTS } from './kinds';
import { KubeFactBuilder } from './reduce';

const object = (kind: string) => ({
  kind,
  metadata: { name: 'x', namespace: 'shop' },
  spec: { template: { metadata: { labels: { app: 'x' } } } },
});

describe('Class: KubeFactBuilder (dispatch by kind)', () => {
  it('reduces every kind the live collector lists, and marks the namespace of the namespaced ones only', () => {
    for (const spec of LISTS) {
      const b = new KubeFactBuilder({ source: 'manifests' });
      expect([spec.kind, b.add(object(spec.kind))]).toEqual([spec.kind, true]);
      const namespaces = b.finish()['k8s.namespaces'];
      const names = namespaces?.ok ? (namespaces.value as { name: string }[]).map((n) => n.name) : [];
      expect([spec.kind, names.includes('shop')]).toEqual([spec.kind, spec.namespaced]);
    }
  });

  it('takes an object whose kind names a member of every JS object (constructor, toString) as a kind with no facts', () => {
    for (const kind of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'ConfigMap']) {
      const b = new KubeFactBuilder({ source: 'manifests' });
      expect([kind, b.add(object(kind))]).toEqual([kind, false]);
      const facts = b.finish();
      expect(facts['k8s.workloads']).toEqual({ ok: true, value: [] });
      expect(facts['k8s.namespaces']).toEqual({ ok: true, value: [] });
      expect(b.counts.get(kind)).toBe(1);
    }
  });
});
