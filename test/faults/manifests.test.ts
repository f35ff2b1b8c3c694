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
import * as validateNetpol from '../../src/collectors/k8s/validate-netpol';
import * as validateRbac from '../../src/collectors/k8s/validate-rbac';
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

/** The scan after the fault, with the problems the reader reported, measured against the oracle's truth. */
async function rescan(dir: string, first: Awaited<ReturnType<typeof scan>>, oracle: Oracle) {
  const problems: string[] = [];
  const second = await scan(manifestsCollector(dir, CLUSTER, (p) => problems.push(`${p.file}: ${p.message}`)));
  return {
    first,
    second,
    problems,
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

/**
 * A manifests folder that gains a NetworkPolicy the API server refuses (a peer written as a bare string). Such a policy
 * is never in force, so the truth is the folder without it; read anyway, its peer list empties and allows everyone,
 * which looks like isolation where there is none. The protection skips it and leaves NetworkPolicies unknown.
 */
describe('Scenario: a manifests folder gains a NetworkPolicy the API server refuses', () => {
  const REFUSED = 'web-policy.yaml';
  const POLICY = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'web-from-office', namespace: 'web' },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: ['10.0.0.0/8'] }] },
  };

  async function refused() {
    const dir = join(root, 'cluster');
    rmSync(join(dir, BROKEN));
    const first = await scan(manifestsCollector(dir, CLUSTER));
    const reference = await scan(manifestsCollector(dir, CLUSTER), null);
    const oracle = new Oracle(clusterChecks).knowWorld(reference.snapshot.results);
    writeFileSync(join(dir, REFUSED), stringify(POLICY));
    return rescan(dir, first, oracle);
  }

  it('skips the policy, names the field, and keeps the namespace findings open', async () => {
    const r = await refused();
    expect(r.problems).toEqual([
      `${REFUSED}: NetworkPolicy web/web-from-office was skipped, the API server refuses it: spec.ingress[0].from[0]: is the string "10.0.0.0/8", not a mapping`,
    ]);
    const webFindings = r.first.snapshot.results.filter(
      (x) => x.status === 'fail' && x.checkId.startsWith('k8s.netpol.') && x.resource.namespace === 'web',
    );
    expect(webFindings.length).toBeGreaterThan(0);
    expectTargetsAccounted(r.second.snapshot, [CLUSTER]);
    expect(r.falseResolved).toEqual([]);
    expect(r.lostFindings).toEqual([]);
    expect(r.snapshotsLost).toBe(0);
    record({
      area: 'Bad input',
      scenario: 'manifests folder gains a NetworkPolicy the API server refuses',
      outcome: 'policy skipped naming the field; NetworkPolicies unknown, findings carried',
      snapshotsLost: r.snapshotsLost,
      falseResolved: r.falseResolved.length,
    });
  });

  it('protection removed: reading the refused policy makes the oracle count false resolutions', async () => {
    jest.spyOn(validateNetpol, 'networkPolicyProblem').mockReturnValue(null);
    try {
      const r = await refused();
      expect(r.problems).toEqual([]);
      expect(r.falseResolved.length).toBeGreaterThan(0);
    } finally {
      jest.restoreAllMocks();
    }
  });
});

/**
 * A ClusterRole in a manifests folder edited into one the API server refuses (`verbs: "*"`, a string, not a list).
 * Applying the edit fails, so the role in force is still the one before it: the truth is the first scan. Read anyway,
 * the rule has no verb and grants nothing, which looks like the wildcard grant resolved. The protection skips the
 * role and leaves RBAC unknown.
 */
describe('Scenario: a ClusterRole in a manifests folder is edited into one the API server refuses', () => {
  async function edited() {
    const dir = join(root, 'cluster');
    const first = await scan(manifestsCollector(dir, CLUSTER));
    const oracle = new Oracle(clusterChecks).knowWorld(first.snapshot.results);
    const [role, binding] = WILD;
    const broken = { ...role, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: '*' }] };
    writeFileSync(join(dir, BROKEN), [broken, binding].map((o) => stringify(o)).join('---\n'));
    return rescan(dir, first, oracle);
  }

  it('skips the role, names the field, and keeps the RBAC findings open', async () => {
    const r = await edited();
    expect(r.problems).toEqual([
      `${BROKEN}: ClusterRole wild-extra was skipped, the API server refuses it: rules[0].verbs: is the string "*", not a list`,
    ]);
    expect(
      r.first.snapshot.results.some(
        (x) => x.status === 'fail' && x.checkId.startsWith('k8s.rbac.') && JSON.stringify(x).includes('mallory'),
      ),
    ).toBe(true);
    expectTargetsAccounted(r.second.snapshot, [CLUSTER]);
    expect(r.falseResolved).toEqual([]);
    expect(r.lostFindings).toEqual([]);
    expect(r.snapshotsLost).toBe(0);
    record({
      area: 'Bad input',
      scenario: 'manifests folder where a ClusterRole is edited into one the API server refuses',
      outcome: 'role skipped naming the field; RBAC unknown, findings carried',
      snapshotsLost: r.snapshotsLost,
      falseResolved: r.falseResolved.length,
    });
  });

  it('protection removed: reading the refused role makes the oracle count false resolutions', async () => {
    jest.spyOn(validateRbac, 'rbacProblem').mockReturnValue(null);
    try {
      const r = await edited();
      expect(r.problems).toEqual([]);
      expect(r.falseResolved.length).toBeGreaterThan(0);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
