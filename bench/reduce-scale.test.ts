import { KubeFactBuilder } from '../src/collectors/k8s/reduce';
import type { KWorkload } from '../src/core/facts/k8s';

describe('Class: KubeFactBuilder at scale', () => {
  describe('Method: finish', () => {
    it('gives one workload per unlisted owner, counting its pods, when 5,000 pods name 2,500 ReplicaSets never listed', () => {
      const builder = new KubeFactBuilder({ source: 'live' });
      for (let i = 0; i < 5000; i++) {
        const owner = `app-${Math.floor(i / 2)}-7d9f8c6b5`;
        builder.add({
          kind: 'Pod',
          metadata: {
            name: `${owner}-${i}`,
            namespace: `ns-${Math.floor(i / 2) % 7}`,
            ownerReferences: [{ kind: 'ReplicaSet', name: owner, controller: true }],
          },
          spec: { serviceAccountName: 'default' },
          status: { phase: 'Running' },
        });
      }
      const facts = builder.finish();
      const workloads = facts['k8s.workloads'];
      expect(workloads?.ok).toBe(true);
      const list = (workloads as { ok: true; value: KWorkload[] }).value;
      const keys = new Set(list.map((w) => `${w.kind}/${w.namespace}/${w.name}`));
      expect(keys.size).toBe(list.length);
      expect(list.length).toBe(2500);
      expect(list.every((w) => w.kind === 'ReplicaSet' && w.replicas === 2)).toBe(true);
    });
  });
});
