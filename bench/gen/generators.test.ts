import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { KubeFactBuilder } from '../../src/collectors/k8s/reduce';
import { fingerprint } from '../../src/core/fingerprint';
import type { Snapshot } from '../../src/core/model';
import { generateCluster, planCluster } from './cluster';
import { instanceIdOf, isControlPlane, probeOutput } from './fleet';
import { writeSnapshotPair } from './snapshot';
import { writeCluster } from './write-cluster';

describe('Generator: cluster', () => {
  it('plans about the asked number of objects and generates exactly the planned number', () => {
    const plan = planCluster(3000, 7);
    const objects = [...generateCluster(plan)];
    expect(Math.abs(objects.length - plan.objects)).toBeLessThanOrEqual(1);
    expect(objects.length).toBeGreaterThanOrEqual(3000);
    expect(objects.length).toBeLessThan(3200);
  });

  it('gives byte-identical objects for the same seed and different ones for another seed', () => {
    const a = JSON.stringify([...generateCluster(planCluster(1000, 1))]);
    expect(JSON.stringify([...generateCluster(planCluster(1000, 1))])).toBe(a);
    expect(JSON.stringify([...generateCluster(planCluster(1000, 2))])).not.toBe(a);
  });

  it('produces objects the fact builder reduces, with owners resolved to their top-level workloads', () => {
    const builder = new KubeFactBuilder({ source: 'live' });
    const unknown = new Set<string>();
    for (const { obj } of generateCluster(planCluster(2000, 3))) if (!builder.add(obj)) unknown.add(String(obj.kind));
    expect([...unknown]).toEqual([]);
    const facts = builder.finish();
    const workloads = facts['k8s.workloads'];
    if (!workloads?.ok) throw new Error('no workloads');
    // ReplicaSets owned by a listed Deployment are folded into it; no Pod is counted under a ReplicaSet.
    expect(workloads.value.some((w) => w.kind === 'ReplicaSet')).toBe(false);
    expect(workloads.value.filter((w) => w.kind === 'Deployment').every((w) => w.replicas > 0)).toBe(true);
    const rbac = facts['k8s.rbac'];
    expect(rbac?.ok && rbac.value.roles.some((r) => r.aggregationRule)).toBe(true);
  });

  it('writes list bodies of at most the page size with continue tokens on every page but the last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-gen-'));
    try {
      const index = writeCluster(planCluster(1500, 4), dir, 100);
      const pods = index.resources.find((r) => r.name === 'pods')!;
      expect(pods.pages.length).toBeGreaterThan(1);
      pods.pages.forEach((f, i) => {
        const body = JSON.parse(readFileSync(join(dir, 'pages', f), 'utf8'));
        expect(body.kind).toBe('PodList');
        expect(body.items.length).toBeLessThanOrEqual(100);
        expect(Boolean(body.metadata.continue)).toBe(i < pods.pages.length - 1);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Generator: fleet', () => {
  it('gives probe outputs the probe parser accepts in full, worker and control-plane alike', () => {
    for (const i of [0, 5, 42]) {
      const host = probeOutput(i, 9, isControlPlane(i));
      const tf = parseProbeOutput(host.output, { name: host.instanceId, kind: 'host' });
      const failed = Object.entries(tf.facts).filter(([, f]) => f && !f.ok);
      expect(failed).toEqual([]);
    }
  });

  it('makes control-plane outputs pass the 24,000 characters the SSM API returns inline', () => {
    expect(isControlPlane(1)).toBe(true);
    expect(probeOutput(1, 9, true).output.length).toBeGreaterThan(24_000);
    expect(probeOutput(50, 9, false).output.length).toBeLessThan(24_000);
    expect(instanceIdOf(50)).toMatch(/^i-[0-9a-f]{17}$/);
  });
});

describe('Generator: snapshots', () => {
  it('writes two valid snapshots of the asked size with real fingerprints and waivers on failing results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-snap-'));
    try {
      const info = writeSnapshotPair(5000, 11, dir);
      const prev = JSON.parse(readFileSync(join(dir, 'previous.json'), 'utf8')) as Snapshot;
      const cur = JSON.parse(readFileSync(join(dir, 'current.json'), 'utf8')) as Snapshot;
      const waivers = JSON.parse(readFileSync(join(dir, 'waivers.json'), 'utf8')) as { fingerprint: string }[];
      expect(prev.schemaVersion).toBe(1);
      expect(Math.abs(cur.results.length - 5000)).toBeLessThan(100);
      expect(prev.results.filter((r) => r.status === 'fail').length).toBe(info.previousFailing);
      for (const r of cur.results.slice(0, 200))
        expect(r.fingerprint).toBe(fingerprint(r.checkId, r.target, r.resource));
      const failing = new Set(prev.results.filter((r) => r.status === 'fail').map((r) => r.fingerprint));
      expect(waivers.length).toBe(info.waivers);
      expect(waivers.every((w) => failing.has(w.fingerprint))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
