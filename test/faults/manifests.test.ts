/**
 * A manifests folder where one file breaks between two scans (cut short in transit: invalid YAML), through runScan()
 * with the manifests collector, every cluster check and a real local store. The protection makes a broken file's kinds
 * unknown instead of absent (docs/reliability.md). The oracle's truth is a reference scan of the folder as it should be; "protection removed"
 * reads the folder as if the broken file were not there and shows the oracle counting what that resolves.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { manifestsCollector } from '../../src/collectors/k8s/manifests';
import type { TargetCollector } from '../../src/collectors/types';
import { runScan } from '../../src/scan/run-scan';
import { openStores, type Stores } from '../../src/store/open';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { expectTargetsAccounted, tempDir } from './support/invariants';
import { clusterChecks } from './support/k8s-scenario';
import { record } from './support/ledger';
import { lostSnapshots, Oracle } from './support/oracle';

const SCOPE = 'faults/manifests';
const CLUSTER = 'prod-eu';
const BROKEN = 'extra-rbac.yaml';
const WILD = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'wild-extra' },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'wild-extra' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'wild-extra' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory' }],
  },
];

let root = '';
let stores: Stores;
beforeEach(() => {
  root = tempDir('cb-faults-manifests-');
  mkdirSync(join(root, 'cluster'), { recursive: true });
  writeFileSync(
    join(root, 'cluster', 'cluster.yaml'),
    stringify({ apiVersion: 'v1', kind: 'List', items: FIXTURE_OBJECTS }),
  );
  writeFileSync(join(root, 'cluster', BROKEN), WILD.map((o) => stringify(o)).join('---\n'));
  stores = openStores({ type: 'local', dir: join(root, 'store') });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const scan = (collector: TargetCollector, store: Stores['snapshots'] | null = stores.snapshots) =>
  runScan({ scope: SCOPE, trigger: 'test', collectors: [collector], checks: clusterChecks, store });

/** Baseline, the truth (a copy of the folder as it should be), the file broken, then the faulted scan. */
async function faulted(collectorFor: (dir: string) => TargetCollector) {
  const dir = join(root, 'cluster');
  const first = await scan(manifestsCollector(dir, CLUSTER));
  const intact = join(root, 'intact');
  cpSync(dir, intact, { recursive: true });
  const reference = await scan(manifestsCollector(intact, CLUSTER), null);
  // The whole target is at risk: a broken file could have held objects of any kind.
  const oracle = new Oracle(clusterChecks).knowWorld(reference.snapshot.results).hide({ target: CLUSTER });
  const text = WILD.map((o) => stringify(o)).join('---\n');
  writeFileSync(join(dir, BROKEN), `${text.slice(0, Math.floor(text.length / 2))}\n  rules: [{ verbs: [`);
  const second = await scan(collectorFor(dir));
  return {
    first,
    second,
    falseResolved: oracle.falseResolutions(second.diff),
    lostFindings: oracle.lostFindings(first.snapshot, second.snapshot),
    snapshotsLost: lostSnapshots([first.snapshot.scanId, second.snapshot.scanId], await stores.snapshots.list(SCOPE)),
  };
}

describe('Scenario: a manifests folder where one file breaks', () => {
  it('keeps the findings the broken file could have fed open, and names the file', async () => {
    const problems: string[] = [];
    const r = await faulted((dir) => manifestsCollector(dir, CLUSTER, (p) => problems.push(`${p.file}: ${p.message}`)));
    expect(problems.join('\n')).toContain(BROKEN);
    expect(r.first.snapshot.results.some((x) => x.status === 'fail' && JSON.stringify(x).includes('mallory'))).toBe(
      true,
    );
    expectTargetsAccounted(r.second.snapshot, [CLUSTER]);
    expect(r.falseResolved).toEqual([]);
    expect(r.lostFindings).toEqual([]);
    expect(r.snapshotsLost).toBe(0);
    expect(r.second.snapshot.targets[0].reason).toContain(BROKEN);
    record({
      area: 'Bad input',
      scenario: 'manifests folder where one file breaks between scans',
      outcome: 'the facts that file could feed unknown, naming it; findings carried',
      snapshotsLost: r.snapshotsLost,
      falseResolved: r.falseResolved.length,
    });
  });

  it('protection removed: reading the folder without the broken file makes the oracle count false resolutions', async () => {
    const r = await faulted((dir) => {
      const without = join(root, 'without-broken');
      cpSync(dir, without, { recursive: true, filter: (src) => !src.endsWith(BROKEN) });
      return manifestsCollector(without, CLUSTER);
    });
    expect(r.falseResolved.length).toBeGreaterThan(0);
  });
});
