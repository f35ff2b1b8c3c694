import type { FleetCollector, TargetCollector } from '../collectors/types';
import { defineCheck } from '../core/check';
import type { Snapshot, TargetFacts } from '../core/model';
import type { SnapshotRef, SnapshotStore, StoredSnapshot } from '../store/types';
import { runScan } from './run-scan';

const rootLogin = defineCheck({
  id: 'host.test.root',
  title: 'Root login',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.10' }],
  remediation: 'Set PermitRootLogin no in sshd_config.',
  requires: ['host.os'],
  evaluate: ({ facts }) => [
    {
      status: facts['host.os'].id === 'bad' ? 'fail' : 'pass',
      resource: { kind: 'Host', name: facts['host.os'].hostname },
      message: 'Checked.',
    },
  ],
});

const host = (name: string, id: string): TargetCollector => ({
  target: { name, kind: 'host' },
  collect: async (): Promise<TargetFacts> => ({
    target: { name, kind: 'host' },
    facts: { 'host.os': { ok: true, value: { id, hostname: name } } },
  }),
});

class MemoryStore implements SnapshotStore {
  readonly location = 'memory';
  readonly saved: StoredSnapshot[] = [];
  async latest(): Promise<StoredSnapshot | null> {
    return this.saved.at(-1) ?? null;
  }
  async save(snapshot: Snapshot) {
    const ref: SnapshotRef = {
      key: `k${this.saved.length}`,
      scope: snapshot.scope,
      startedAt: snapshot.startedAt,
      scanId: snapshot.scanId,
    };
    const sha256 = `sha-${this.saved.length}`;
    this.saved.push({ ref, snapshot, sha256 });
    return { ref, sha256 };
  }
  async list() {
    return this.saved.map((s) => s.ref);
  }
  async get(ref: SnapshotRef) {
    return this.saved.find((s) => s.ref.key === ref.key)!;
  }
  async scopes() {
    return ['hosts/test'];
  }
}

describe('Function: runScan', () => {
  it('reports a collector that throws as an unreachable target whose checks are unknown with the reason', async () => {
    const down: TargetCollector = {
      target: { name: 'node-2', kind: 'host' },
      collect: () => Promise.reject(new Error('connection refused')),
    };
    const out = await runScan({
      scope: 'hosts/test',
      trigger: 'test',
      collectors: [host('node-1', 'ok'), down],
      checks: [rootLogin],
      store: null,
    });
    expect(out.snapshot.targets).toEqual([
      { name: 'node-1', kind: 'host', status: 'assessed' },
      { name: 'node-2', kind: 'host', status: 'unreachable', reason: 'connection refused' },
    ]);
    expect(out.snapshot.results.map((r) => [r.target, r.status, r.message])).toEqual([
      ['node-1', 'pass', 'Checked.'],
      ['node-2', 'unknown', 'Could not assess: node-2 is unreachable: connection refused.'],
    ]);
  });

  it('makes a target whose input had errors partial, naming the first errors, even when every fact was collected', async () => {
    const withErrors = (n: number): TargetCollector => ({
      target: { name: 'node-1', kind: 'host' },
      collect: async () => ({
        ...(await host('node-1', 'ok').collect({ reporter: { progress: () => {}, warn: () => {} } })),
        inputErrors: Array.from({ length: n }, (_, i) => `f${i}.yaml: invalid YAML at line ${i + 1}, column 1: x`),
      }),
    });
    const scan = (n: number) =>
      runScan({ scope: 'hosts/test', trigger: 'test', collectors: [withErrors(n)], checks: [rootLogin], store: null });
    expect((await scan(1)).snapshot.targets).toEqual([
      { name: 'node-1', kind: 'host', status: 'partial', reason: 'f0.yaml: invalid YAML at line 1, column 1: x' },
    ]);
    expect((await scan(5)).snapshot.targets[0].reason).toBe(
      'f0.yaml: invalid YAML at line 1, column 1: x; f1.yaml: invalid YAML at line 2, column 1: x; ' +
        'f2.yaml: invalid YAML at line 3, column 1: x; and 2 more input errors',
    );
  });

  it('lists a host a fleet names twice (offline, then timed out) once, and never one it has facts for', async () => {
    const fleet: FleetCollector = {
      name: 'workers',
      collect: async () => ({
        facts: [await host('node-1', 'ok').collect({ reporter: { progress: () => {}, warn: () => {} } })],
        unreachable: [
          { target: { name: 'node-9', kind: 'host' }, reason: 'ConnectionLost' },
          { target: { name: 'node-9', kind: 'host' }, reason: 'DeliveryTimedOut' },
          { target: { name: 'node-1', kind: 'host' }, reason: 'late duplicate' },
        ],
      }),
    };
    const out = await runScan({
      scope: 'hosts/test',
      trigger: 'test',
      collectors: [fleet],
      checks: [rootLogin],
      store: null,
    });
    expect(out.snapshot.targets.map((t) => [t.name, t.status, t.reason])).toEqual([
      ['node-1', 'assessed', undefined],
      ['node-9', 'unreachable', 'ConnectionLost'],
    ]);
    expect(out.snapshot.results).toHaveLength(2);
  });

  it('chains each snapshot to the previous one and diffs against it', async () => {
    const store = new MemoryStore();
    const first = await runScan({
      scope: 'hosts/test',
      trigger: 'test',
      collectors: [host('node-1', 'ok')],
      checks: [rootLogin],
      store,
    });
    expect(first.snapshot.previousSha256).toBeNull();
    expect(first.diff.baseline).toBe(true);
    const second = await runScan({
      scope: 'hosts/test',
      trigger: 'test',
      collectors: [host('node-1', 'bad')],
      checks: [rootLogin],
      store,
    });
    expect(second.snapshot.previousSha256).toBe('sha-0');
    expect(second.diff.regressions.map((r) => [r.result.target, r.reason])).toEqual([['node-1', 'new']]);
    expect(store.saved).toHaveLength(2);
  });

  it('reads the baseline but stores nothing with save: false', async () => {
    const store = new MemoryStore();
    await runScan({
      scope: 'hosts/test',
      trigger: 'test',
      collectors: [host('node-1', 'ok')],
      checks: [rootLogin],
      store,
    });
    const dry = await runScan({
      scope: 'hosts/test',
      trigger: 'test',
      collectors: [host('node-1', 'ok')],
      checks: [rootLogin],
      store,
      save: false,
    });
    expect(dry.stored).toBeNull();
    expect(dry.diff.baseline).toBe(false);
    expect(store.saved).toHaveLength(1);
  });
});
