/**
 * The CLI end to end, in-process: the demo cluster scanned twice, a risky binding added, a corrupt snapshot.
 * test/cli/bin.test.ts runs the real `bin/compliance-bot.js` once.
 */
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import type { JsonReport } from '../../src/report/json';

const DEMO = join(__dirname, '../../examples/demo-cluster');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    cwd,
    env: { HOME: cwd },
    isTTY: false,
  };
  return main(args, io).then((code) => ({ code, stdout, stderr }));
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

  it('reports a new cluster-admin binding as exactly one regression naming the user, and --fail-on high exits 1', async () => {
    const first = await scanJson();
    expect(first.code).toBe(0);
    expect(first.report.diff?.baseline).toBe(true);
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
    const [snap] = filesUnder(store).filter((f) => f.endsWith('.json.gz'));
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
