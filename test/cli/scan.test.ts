/**
 * The CLI end to end, in-process: the demo cluster scanned twice, a risky binding added, a corrupt snapshot.
 * test/cli/bin.test.ts runs the real `bin/compliance-bot.js` once.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../../src/report/json';
import { type CliOutcome, runCli } from '../support/cli';

const DEMO = join(__dirname, '../../examples/demo-cluster');

function run(args: string[], cwd: string): Promise<CliOutcome> {
  return runCli(args, { cwd });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

describe('CLI: compliance-bot scan', () => {
  let work: string;
  let manifests: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'cb-cli-'));
    manifests = join(work, 'demo-cluster');
    cpSync(DEMO, manifests, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const scanJson = async (...extra: string[]) => {
    const out = await run(
      ['scan', '--manifests', manifests, '--store', 'store', '--format', 'json', '--quiet', ...extra],
      work,
    );
    return { ...out, report: JSON.parse(out.stdout) as JsonReport };
  };

  it('gives the EKS checks not-applicable on the demo cluster read from manifests, never unknown', async () => {
    const { report } = await scanJson();
    const eks = report.results.filter((r) => r.checkId.startsWith('k8s.eks.'));
    expect(eks.length).toBeGreaterThan(0);
    expect(eks.filter((r) => r.status !== 'not-applicable')).toEqual([]);
    expect(eks[0].message).toContain('demo-cluster is read from manifests, not configured as an EKS cluster');
  });

  it('reports a new cluster-admin binding as exactly one regression naming the user, and --fail-on high exits 1', async () => {
    const first = await scanJson();
    expect(first.code).toBe(0);
    expect(first.report.diff?.baseline).toBe(true);
    // The cluster's RBAC facts beside its snapshot, for Slack's who-can (src/store/rbac-facts.ts).
    expect(filesUnder(join(work, 'store')).filter((f) => f.startsWith('_rbac/'))).toEqual([
      expect.stringMatching(/^_rbac\/cluster~[a-z0-9-]+\/\d{8}T\d{9}Z_[A-Za-z0-9-]+\.json\.gz$/),
    ]);
    expect(first.report.results.some((r) => r.checkId === 'k8s.rbac.cluster-admin' && r.status === 'fail')).toBe(true);

    const second = await scanJson();
    expect(second.report.diff?.baseline).toBe(false);
    expect(second.report.diff?.regressions).toEqual([]);

    appendFileSync(
      join(manifests, 'rbac', 'default-bindings.yaml'),
      '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: mallory-admin }\n' +
        'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n' +
        'subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: User, name: mallory@example.com }]\n',
    );
    const third = await scanJson();
    const regressions = third.report.diff?.regressions ?? [];
    expect(regressions.map((r) => [r.result.checkId, r.result.resource.kind, r.result.resource.name])).toContainEqual([
      'k8s.rbac.cluster-admin',
      'User',
      'mallory@example.com',
    ]);
    expect(regressions.every((r) => r.result.resource.name === 'mallory@example.com')).toBe(true);
    expect(regressions).toHaveLength(1);

    const gated = await run(
      ['scan', '--manifests', manifests, '--store', 'store', '--fail-on', 'high', '--quiet'],
      work,
    );
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/failing result\(s\) at or above high/);
  });

  const scanNoStore = async (...extra: string[]) => {
    const out = await run(
      ['scan', '--manifests', manifests, '--no-store', '--format', 'json', '--quiet', ...extra],
      work,
    );
    return { ...out, report: JSON.parse(out.stdout) as JsonReport };
  };
  const addManifest = (file: string, yaml: string) => writeFileSync(join(manifests, 'rbac', file), yaml);
  const failing = (report: JsonReport, checkId: string) =>
    report.results
      .filter((r) => r.checkId === checkId && r.status === 'fail')
      .map((r) => `${r.resource.kind} ${r.resource.namespace ? `${r.resource.namespace}/` : ''}${r.resource.name}`);

  it('reports a backdoor dressed as a Kubernetes default (label, system: name) and who-can lists it, not as built-in', async () => {
    addManifest(
      'backdoor.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n' +
        'metadata: { name: "system:node-admin", labels: { kubernetes.io/bootstrapping: rbac-defaults } }\n' +
        'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n' +
        'subjects:\n  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:nodes" }\n' +
        '  - { kind: ServiceAccount, name: helper, namespace: kube-system }\n',
    );
    const { report } = await scanNoStore();
    expect(failing(report, 'k8s.rbac.cluster-admin')).toEqual(
      expect.arrayContaining(['Group system:nodes', 'ServiceAccount kube-system/helper', 'ServiceAccount ci/deployer']),
    );

    const who = await run(['who-can', '*', '*', '--manifests', manifests], work);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(
      '  Group system:nodes  [cluster-wide]\n      via ClusterRoleBinding system:node-admin',
    );
    expect(who.stdout).toContain('  ServiceAccount kube-system/helper  [cluster-wide]\n');
    // The shipped cluster-admin binding is shown too, marked built-in; --hide-built-in leaves it out.
    expect(who.stdout).toContain('  Group system:masters  [cluster-wide]  (built-in)\n');
    const json = await run(['who-can', '*', '*', '--manifests', manifests, '--json'], work);
    const subjects = (JSON.parse(json.stdout) as { subjects: { subject: { name: string }; builtIn: boolean }[] })
      .subjects;
    expect(subjects.find((e) => e.subject.name === 'system:nodes')?.builtIn).toBe(false);
    expect(subjects.find((e) => e.subject.name === 'system:masters')?.builtIn).toBe(true);
    const hidden = await run(['who-can', '*', '*', '--manifests', manifests, '--hide-built-in'], work);
    expect(hidden.stdout).not.toContain('system:masters');
    expect(hidden.stdout).toContain('Group system:nodes');
  });

  it('reports a default ServiceAccount bound to a role that does not exist yet, and the dangling binding', async () => {
    addManifest(
      'later.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: shop-later, namespace: shop }\n' +
        'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: not-yet }\n' +
        'subjects: [{ kind: ServiceAccount, name: default, namespace: shop }]\n',
    );
    const { report } = await scanNoStore();
    expect(failing(report, 'k8s.rbac.default-sa-bound')).toContain('ServiceAccount shop/default');
    expect(failing(report, 'k8s.rbac.dangling-binding')).toContain('RoleBinding shop/shop-later');
  });

  it('never defers to a check left out of the scan, and an escalation resolves nothing', async () => {
    const only = await scanNoStore('--checks', 'k8s.rbac.secrets-read');
    const deployer = only.report.results.find((r) => r.resource.name === 'deployer');
    expect(deployer?.status).toBe('fail');

    const first = await scanJson();
    expect(failing(first.report, 'k8s.rbac.secrets-read')).toContain('ServiceAccount monitoring/prometheus');
    addManifest(
      'escalate.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: prometheus-admin }\n' +
        'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n' +
        'subjects: [{ kind: ServiceAccount, name: prometheus, namespace: monitoring }]\n',
    );
    const second = await scanJson();
    const diff = second.report.diff!;
    expect(diff.regressions.map((r) => [r.result.checkId, r.result.resource.name])).toEqual([
      ['k8s.rbac.cluster-admin', 'prometheus'],
    ]);
    expect(diff.resolved.filter((r) => r.previous.resource.name === 'prometheus')).toEqual([]);
    const secretsRead = (r: { checkId: string; resource: { name: string } }) =>
      r.checkId === 'k8s.rbac.secrets-read' && r.resource.name === 'prometheus';
    const open = diff.unchanged.find((u) => secretsRead(u.result))?.result;
    expect(open?.status).toBe('fail');
    expect(open?.firstSeen).toBe(first.report.results.find(secretsRead)?.firstSeen);
  });

  it('writes the JSON report contract with --no-store, and two identical scans give identical fingerprints', async () => {
    const a = await run(['scan', '--manifests', manifests, '--no-store', '--format', 'json', '--quiet'], work);
    const b = await run(['scan', '--manifests', manifests, '--no-store', '--format', 'json', '--quiet'], work);
    const ra = JSON.parse(a.stdout) as JsonReport;
    const rb = JSON.parse(b.stdout) as JsonReport;
    expect(ra.schemaVersion).toBe(1);
    expect(ra.tool.name).toBe('compliance-bot');
    expect(ra.diff).toBeNull();
    expect(ra.targets).toEqual([expect.objectContaining({ name: 'demo-cluster', kind: 'cluster', status: 'partial' })]);
    expect(ra.results.length).toBeGreaterThan(0);
    expect(ra.results.map((r) => r.fingerprint)).toEqual(rb.results.map((r) => r.fingerprint));
    expect(() => readdirSync(join(work, '.compliance-bot'))).toThrow();
  });

  it('reports a malformed manifest by name, scans the rest and exits 2', async () => {
    writeFileSync(join(manifests, 'payments', 'broken.yaml'), 'kind: Service\nmetadata: {name: [x\n');
    const out = await run(['scan', '--manifests', manifests, '--no-store', '--format', 'json', '--quiet'], work);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/payments\/broken\.yaml: invalid YAML/);
    expect((JSON.parse(out.stdout) as JsonReport).results.length).toBeGreaterThan(0);
  });

  it('skips a corrupt snapshot with a message naming it, never overwrites it, and exits 2', async () => {
    await scanJson();
    const store = join(work, 'store');
    const [snap] = filesUnder(store).filter((f) => f.includes('/_snapshots/') && f.endsWith('.json.gz'));
    writeFileSync(join(store, snap), 'not gzip at all');
    const before = filesUnder(store);
    const out = await scanJson();
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(snap.split('/').pop());
    expect(readFileSync(join(store, snap), 'utf8')).toBe('not gzip at all');
    expect(filesUnder(store).filter((f) => before.includes(f))).toEqual(before);
    expect(out.report.diff?.baseline).toBe(true);
  });

  it('exits 2 with a message that says what to fix on a bad option value', async () => {
    const out = await run(['scan', '--format', 'yaml'], work);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('compliance-bot scan: --format "yaml": use one of text, json, sarif, junit, markdown\n');
    const unknown = await run(['scan', '--bogus'], work);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('exits 2 when the manifests folder does not exist, naming it', async () => {
    const out = await run(['scan', '--manifests', 'nowhere', '--no-store', '--quiet'], work);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('compliance-bot scan: --manifests nowhere: no such file or folder\n');
  });
});

describe('CLI: compliance-bot scan --manifests, input that cannot be read', () => {
  let work: string;
  let manifests: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'cb-cli-input-'));
    manifests = join(work, 'demo-cluster');
    cpSync(DEMO, manifests, { recursive: true });
  });
  afterEach(() => {
    chmodSync(join(manifests, 'rbac'), 0o755);
    rmSync(work, { recursive: true, force: true });
  });

  const scanJson = async () => {
    const out = await run(['scan', '--manifests', manifests, '--store', 'store', '--format', 'json', '--quiet'], work);
    return { ...out, report: JSON.parse(out.stdout) as JsonReport };
  };
  const deployerAdmin = (r: { checkId: string; resource: { name: string } }) =>
    r.checkId === 'k8s.rbac.cluster-admin' && r.resource.name === 'deployer';

  /** Scans, lets `breakIt` damage the copy, scans again: the second scan's outcome. */
  const scanBrokenAfterBaseline = async (breakIt: () => void) => {
    const first = await scanJson();
    expect(first.code).toBe(0);
    expect(first.report.results.some((r) => deployerAdmin(r) && r.status === 'fail')).toBe(true);
    breakIt();
    const second = await scanJson();
    expect(second.code).toBe(2);
    expect(second.report.diff?.resolved).toEqual([]);
    expect(second.report.targets).toEqual([expect.objectContaining({ name: 'demo-cluster', status: 'partial' })]);
    return second;
  };

  it('carries the finding of a binding whose document no longer parses, never resolves it, and exits 2', async () => {
    const second = await scanBrokenAfterBaseline(() => {
      const file = join(manifests, 'ci', 'deployer.yaml');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('metadata: { name: ci-deployer-admin }', 'metadata: { name: ci-deployer-admin'));
    });
    const where = /ci\/deployer\.yaml: invalid YAML in document 2 at line \d+, column \d+/;
    expect(second.stderr).toMatch(where);
    expect(second.report.targets[0].reason).toMatch(new RegExp(`^${where.source}`));
    expect(second.report.results.find((r) => r.checkId === 'k8s.rbac.cluster-admin')?.status).toBe('unknown');
    expect(second.report.diff?.unassessed).toContainEqual(
      expect.objectContaining({
        previous: expect.objectContaining({
          checkId: 'k8s.rbac.cluster-admin',
          resource: expect.objectContaining({ name: 'deployer' }),
        }),
        reason: expect.stringMatching(where),
      }),
    );
    // Facts no broken input feeds are still assessed.
    expect(second.report.results.some((r) => r.checkId.startsWith('k8s.netpol.') && r.status === 'fail')).toBe(true);

    // Repaired, the finding is the same one, not a new regression.
    cpSync(join(DEMO, 'ci', 'deployer.yaml'), join(manifests, 'ci', 'deployer.yaml'));
    const third = await scanJson();
    expect(third.code).toBe(0);
    expect(third.report.diff?.regressions).toEqual([]);
    expect(third.report.diff?.unchanged.some((u) => deployerAdmin(u.result))).toBe(true);
  });

  it('resolves nothing when a whole file is broken, and never prints its contents', async () => {
    const second = await scanBrokenAfterBaseline(() =>
      writeFileSync(join(manifests, 'rbac', 'defaults.json'), '{"kind": "List", "password": hunter2-cli'),
    );
    expect(second.stderr).toMatch(/rbac\/defaults\.json: invalid JSON at line 1, column 30: unexpected token/);
    const carried = (second.report.diff?.unassessed ?? []).map((u) => u.previous.checkId);
    expect(carried).toEqual(expect.arrayContaining(['k8s.rbac.cluster-admin', 'k8s.rbac.pod-exec']));
    expect(second.stdout + second.stderr).not.toContain('hunter2');
  });

  it('refuses a link to /dev/zero at once and resolves nothing', async () => {
    const second = await scanBrokenAfterBaseline(() => symlinkSync('/dev/zero', join(manifests, 'zero.yaml')));
    expect(second.stderr).toMatch(/zero\.yaml: symbolic link to a path outside the manifests folder; not followed/);
    expect(second.report.targets[0].reason).toMatch(/^zero\.yaml: symbolic link/);
  });

  it('refuses a link to a file outside the folder and never prints what it holds', async () => {
    writeFileSync(
      join(work, 'outside.yaml'),
      'apiVersion: v1\nkind: Secret\nstringData:\n  password: |hunter2-out\n    x\n',
    );
    const second = await scanBrokenAfterBaseline(() =>
      symlinkSync(join(work, 'outside.yaml'), join(manifests, 'rbac', 'extra.yaml')),
    );
    expect(second.stderr).toMatch(/rbac\/extra\.yaml: symbolic link to a path outside the manifests folder/);
    expect(second.stdout + second.stderr).not.toContain('hunter2');
  });

  // Root reads any folder: the real command runs without the capabilities that let it, so permissions apply.
  const asUser = (args: string[]) => {
    const bin = join(__dirname, '../../bin/compliance-bot.js');
    const root = process.getuid?.() === 0;
    const [cmd, argv] = root
      ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search,-fowner', process.execPath, bin, ...args]]
      : [process.execPath, [bin, ...args]];
    return spawnSync(cmd, argv as string[], {
      cwd: work,
      env: { PATH: process.env.PATH, HOME: work, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
  };
  const setprivWorks = () =>
    process.getuid?.() !== 0 || spawnSync('setpriv', ['--bounding-set=-dac_override', 'true']).status === 0;

  it('takes a sub-folder it may not read for unreadable, not empty (the real command, without root privileges)', () => {
    if (!setprivWorks()) return; // no way to drop root's privileges here: the unit tests cover the walker
    const args = ['scan', '--manifests', manifests, '--store', 'store', '--format', 'json', '--quiet', '--no-host'];
    const first = asUser(args);
    expect(first.status).toBe(0);
    chmodSync(join(manifests, 'rbac'), 0o000);
    const second = asUser(args);
    expect(second.stderr).toMatch(/rbac: cannot read folder: permission denied/);
    expect(second.status).toBe(2);
    const report = JSON.parse(second.stdout) as JsonReport;
    expect(report.diff?.resolved).toEqual([]);
    expect(report.targets).toEqual([
      expect.objectContaining({ status: 'partial', reason: expect.stringMatching(/^rbac: cannot read folder/) }),
    ]);
    expect((report.diff?.unassessed ?? []).some((u) => deployerAdmin(u.previous))).toBe(true);
  }, 180_000);
});
