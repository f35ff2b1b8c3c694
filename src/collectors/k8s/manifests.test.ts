import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  type Stats,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { KWorkload } from '../../core/facts/k8s';
import { silentReporter } from '../types';
import { kindNamedIn, type ManifestFs, manifestsCollector, readManifests } from './manifests';

const demo = join(__dirname, '../../../examples/demo-cluster');

function value<T>(fact: { ok: true; value: T } | { ok: false; reason: string } | undefined): T {
  if (!fact?.ok) throw new Error(`fact not collected: ${JSON.stringify(fact)}`);
  return fact.value;
}

describe('Function: readManifests', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'manifests-'));
  });
  afterEach(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the demo cluster: YAML, JSON, multi-document files and List kinds, with no problems', async () => {
    const read = await readManifests(demo);
    expect(read.problems).toEqual([]);
    expect(value(read.facts['k8s.namespaces']).map((n) => n.name)).toEqual([
      'ci',
      'kube-system',
      'monitoring',
      'payments',
      'shop',
    ]);
    expect(value(read.facts['k8s.nodes']).map((n) => [n.name, n.controlPlane])).toEqual([
      ['cp-1', true],
      ['worker-1', false],
      ['worker-2', false],
    ]);
    const workloads = value(read.facts['k8s.workloads']).map((w: KWorkload) => `${w.kind}/${w.namespace}/${w.name}`);
    expect(workloads).toEqual(
      expect.arrayContaining(['Deployment/shop/frontend', 'StatefulSet/shop/postgres', 'CronJob/payments/settlement']),
    );
    // Static control-plane Pods are components, not workloads.
    expect(workloads.some((w) => w.includes('kube-apiserver'))).toBe(false);
    const cp = value(read.facts['k8s.controlPlane']);
    expect(cp.managed).toBeNull();
    expect(cp.components['kube-apiserver']?.[0].flags['authorization-mode']).toBe('Node,RBAC');
    expect(cp.components.etcd?.[0].flags['client-cert-auth']).toBe('true');
    const rbac = value(read.facts['k8s.rbac']);
    expect(rbac.roles.find((r) => r.name === 'cluster-admin')?.labels['kubernetes.io/bootstrapping']).toBe(
      'rbac-defaults',
    );
    expect(rbac.bindings.find((b) => b.name === 'ci-deployer-admin')?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
    ]);
    expect(value(read.facts['k8s.secrets'])).toEqual([
      {
        namespace: 'payments',
        name: 'ledger-token',
        type: 'kubernetes.io/service-account-token',
        serviceAccountName: 'ledger',
      },
    ]);
    expect(read.facts['k8s.version']).toEqual({ ok: false, reason: 'server version not available from manifests' });
  });

  it('reports a malformed YAML file by name and line, reads the other files, and leaves its kind unassessed', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: [oops\n');
    writeFileSync(join(dir, 'good.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: good }\n');
    writeFileSync(
      join(dir, 'sa.yaml'),
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: ok, namespace: good }\n',
    );
    const read = await readManifests(dir);
    expect(read.problems).toEqual([
      expect.objectContaining({
        file: 'bad.yaml',
        level: 'error',
        message: expect.stringMatching(/^invalid YAML at line \d+, column \d+: /),
      }),
    ]);
    expect(read.facts['k8s.namespaces']).toEqual({
      ok: false,
      reason: expect.stringMatching(/^a manifest could not be read: bad\.yaml: invalid YAML at line \d+, column \d+/),
    });
    expect(value(read.facts['k8s.serviceAccounts'])).toEqual([{ namespace: 'good', name: 'ok' }]);
  });

  it('describes a malformed Secret by position and reason, never quoting its data', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXZhbHVl.c2ln';
    writeFileSync(
      join(dir, 'secret.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData:\n  token: ${token}\n   x: : y\n`,
    );
    writeFileSync(join(dir, 'secret.json'), `{"kind": "Secret", "data": {"token": "${token}" x}}`);
    const read = await readManifests(dir);
    expect(read.problems.map((p) => [p.file, p.message])).toEqual([
      ['secret.json', expect.stringMatching(/^invalid JSON at line 1, column \d+: Expected [^"]*$/)],
      ['secret.yaml', expect.stringMatching(/^invalid YAML at line \d+, column \d+: [A-Z][a-z ]+$/)],
    ]);
    expect(JSON.stringify(read)).not.toContain('c2VjcmV0LXZhbHVl');
  });

  it('reports an unknown built-in kind as an error and skips custom resources quietly', async () => {
    writeFileSync(
      join(dir, 'objects.yaml'),
      [
        'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: typo, namespace: a }',
        'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: web, namespace: a }',
        'kind: Pod\nmetadata: { name: no-api-version }',
      ].join('\n---\n'),
    );
    const read = await readManifests(dir);
    expect(read.problems.map((p) => p.message)).toEqual([
      'unknown kind "Deploymnet" for apiVersion apps/v1 (typo) was skipped',
      'an object without apiVersion was skipped',
    ]);
    expect(read.ignored).toEqual({ Certificate: 1 });
  });

  it('reads typed lists (kubectl get -o yaml) whose items omit kind', async () => {
    writeFileSync(
      join(dir, 'sa.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ServiceAccountList',
        items: [{ metadata: { name: 'x', namespace: 'n' } }],
      }),
    );
    const read = await readManifests(dir);
    expect(value(read.facts['k8s.serviceAccounts'])).toEqual([{ namespace: 'n', name: 'x' }]);
  });

  it('throws a clear error when the folder does not exist', async () => {
    await expect(readManifests(join(dir, 'missing'))).rejects.toThrow(
      /cannot read manifests folder .*missing: no such file or folder/,
    );
  });
});

describe('Function: readManifests, source positions', () => {
  const at = (read: Awaited<ReturnType<typeof readManifests>>, kind: string, name: string, namespace?: string) =>
    read.sources.find((s) => s.resource.kind === kind && s.resource.name === name && s.resource.namespace === namespace)
      ?.source;

  it('keeps the file and the line each object starts on, documents and list items alike', async () => {
    const read = await readManifests(demo);
    expect(at(read, 'ServiceAccount', 'deployer', 'ci')).toEqual({ file: 'ci/deployer.yaml', line: 1 });
    // After a `---` and a comment: the line of the object itself.
    expect(at(read, 'ClusterRoleBinding', 'ci-deployer-admin')).toEqual({ file: 'ci/deployer.yaml', line: 6 });
    expect(at(read, 'Role', 'shop-operator', 'shop')).toEqual({ file: 'ci/deployer.yaml', line: 13 });
    // JSON gives no line for a list item: the file alone.
    expect(at(read, 'ClusterRole', 'cluster-admin')).toEqual({ file: 'rbac/defaults.json' });
  });

  it('gives YAML list items their own line and a namespaced object without a namespace the default one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifests-pos-'));
    try {
      mkdirSync(join(dir, 'sub dir'));
      writeFileSync(
        join(dir, 'sub dir', 'list.yaml'),
        [
          'apiVersion: v1',
          'kind: List',
          'items:',
          '  - apiVersion: v1',
          '    kind: ServiceAccount',
          '    metadata: { name: a }',
          '  - apiVersion: v1',
          '    kind: ServiceAccount',
          '    metadata: { name: b, namespace: x }',
          '',
        ].join('\n'),
      );
      const read = await readManifests(dir);
      expect(at(read, 'ServiceAccount', 'a', 'default')).toEqual({ file: 'sub dir/list.yaml', line: 4 });
      expect(at(read, 'ServiceAccount', 'b', 'x')).toEqual({ file: 'sub dir/list.yaml', line: 7 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prefixes the folder as given when it is a relative path inside the working folder, so paths are repository paths', async () => {
    const rel = relative(process.cwd(), demo);
    const read = await readManifests(rel);
    expect(at(read, 'ServiceAccount', 'deployer', 'ci')).toEqual({
      file: 'examples/demo-cluster/ci/deployer.yaml',
      line: 1,
    });
    const collected = await manifestsCollector(rel, 'demo').collect({ reporter: silentReporter });
    expect(collected.sources).toContainEqual({
      resource: { kind: 'ClusterRoleBinding', name: 'ci-deployer-admin' },
      source: { file: 'examples/demo-cluster/ci/deployer.yaml', line: 6 },
    });
  });

  it('takes an absolute folder from the working folder it is in, and from itself when it is outside', async () => {
    const root = join(demo, '..', '..');
    const inside = await readManifests(demo, undefined, { relativeTo: root });
    expect(at(inside, 'ServiceAccount', 'deployer', 'ci')?.file).toBe('examples/demo-cluster/ci/deployer.yaml');
    const outside = await readManifests(demo, undefined, { relativeTo: join(root, 'src') });
    expect(at(outside, 'ServiceAccount', 'deployer', 'ci')?.file).toBe('ci/deployer.yaml');
    const file = await readManifests(join(demo, 'ci', 'deployer.yaml'), undefined, { relativeTo: root });
    expect(at(file, 'ServiceAccount', 'deployer', 'ci')?.file).toBe('examples/demo-cluster/ci/deployer.yaml');
  });
});

/** Every fact the manifests reader builds from objects (k8s.version is never in manifests). */
const OBJECT_FACTS = [
  'k8s.controlPlane',
  'k8s.namespaces',
  'k8s.networkPolicies',
  'k8s.nodes',
  'k8s.rbac',
  'k8s.secrets',
  'k8s.serviceAccounts',
  'k8s.services',
  'k8s.workloads',
];

const failedFacts = (read: Awaited<ReturnType<typeof readManifests>>) =>
  Object.entries(read.facts)
    .filter(([k, f]) => k !== 'k8s.version' && !f?.ok)
    .map(([k]) => k)
    .sort();

/** The real file system, with the calls a test wants to fail or watch. */
function fsWith(overrides: Partial<ManifestFs>): ManifestFs {
  return {
    readdir: (p) => fsp.readdir(p, { withFileTypes: true }),
    stat: (p) => fsp.stat(p),
    lstat: (p) => fsp.lstat(p),
    realpath: (p) => fsp.realpath(p),
    open: (p, flags) => fsp.open(p, flags),
    ...overrides,
  };
}

const eacces = (path: string) =>
  Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES', path });

describe('Function: readManifests, input errors', () => {
  let work: string;
  let dir: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'manifests-input-'));
    dir = join(work, 'demo');
    cpSync(demo, dir, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const breakDeployer = () => {
    const file = join(dir, 'ci', 'deployer.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('metadata: { name: ci-deployer-admin }');
    writeFileSync(file, text.replace('metadata: { name: ci-deployer-admin }', 'metadata: { name: ci-deployer-admin'));
  };

  it('leaves only the kind a broken document names unassessed, naming file, document, line and column', async () => {
    breakDeployer();
    const read = await readManifests(dir);
    expect(read.problems).toEqual([
      {
        file: 'ci/deployer.yaml',
        level: 'error',
        message: expect.stringMatching(/^invalid YAML in document 2 at line \d+, column \d+: \S/),
      },
    ]);
    expect(failedFacts(read)).toEqual(['k8s.rbac']);
    expect(read.facts['k8s.rbac']).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^a manifest could not be read: ci\/deployer\.yaml: invalid YAML in document 2 at line/,
      ),
    });
    // The file's other documents are still read.
    expect(value(read.facts['k8s.serviceAccounts'])).toContainEqual({ namespace: 'ci', name: 'deployer' });
  });

  it('leaves every kind unassessed when a whole file is broken', async () => {
    writeFileSync(join(dir, 'rbac', 'defaults.json'), '{"kind": "List", "items": [');
    const read = await readManifests(dir);
    expect(read.problems).toEqual([
      {
        file: 'rbac/defaults.json',
        level: 'error',
        message: 'invalid JSON at line 1, column 28: Unexpected end of JSON input',
      },
    ]);
    expect(failedFacts(read)).toEqual(OBJECT_FACTS);
  });

  it('makes an object it cannot use an input error for its kind, or for every kind when the kind is in doubt', async () => {
    const only = async (text: string) => {
      rmSync(dir, { recursive: true });
      mkdirSync(dir);
      writeFileSync(join(dir, 'x.yaml'), text);
      return failedFacts(await readManifests(dir));
    };
    // A namespaced kind makes its namespace known too.
    expect(await only('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { namespace: a }\n')).toEqual([
      'k8s.namespaces',
      'k8s.rbac',
    ]);
    expect(await only('kind: Node\nmetadata: { name: n }\n')).toEqual(['k8s.nodes']);
    expect(await only('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: typo }\n')).toEqual(OBJECT_FACTS);
    expect(await only('apiVersion: v1\nmetadata: { name: what }\n')).toEqual(OBJECT_FACTS);
    expect(await only('- apiVersion: v1\n  kind: Namespace\n')).toEqual(OBJECT_FACTS);
    expect(await only('apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, metadata: { name: x } }\n')).toEqual(
      OBJECT_FACTS,
    );
    // A broken ConfigMap holds nothing the checks read: an input error all the same.
    expect(await only('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: [x\n')).toEqual([]);
    const collected = await manifestsCollector(dir, 'c').collect({ reporter: silentReporter });
    expect(collected.inputErrors).toEqual([expect.stringMatching(/^x\.yaml: invalid YAML at line \d+, column \d+: /)]);
  });

  it('skips a NetworkPolicy the API server refuses, naming its field, and leaves NetworkPolicies unassessed', async () => {
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    const policy = (ports: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web, namespace: shop }\nspec:\n  podSelector: {}\n  ingress:\n    - ports: ${ports}\n`;
    writeFileSync(join(dir, 'np.yaml'), policy('["80"]'));
    const read = await readManifests(dir);
    expect(read.problems).toEqual([
      {
        file: 'np.yaml',
        level: 'error',
        message:
          'NetworkPolicy shop/web was skipped, the API server refuses it: spec.ingress[0].ports[0]: is the string "80", not a mapping',
      },
    ]);
    expect(failedFacts(read)).toEqual(['k8s.namespaces', 'k8s.networkPolicies']);
    expect(read.objects).toBe(0);
    expect(read.sources).toEqual([]);
    // The same policy written as the API server takes it is read, with its port.
    writeFileSync(join(dir, 'np.yaml'), policy('[{ port: 80 }]'));
    const good = await readManifests(dir);
    expect(good.problems).toEqual([]);
    expect(value(good.facts['k8s.networkPolicies'])).toEqual([
      { namespace: 'shop', name: 'web', podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] },
    ]);
  });

  it('skips an RBAC object the API server refuses, naming its field, and leaves RBAC unassessed', async () => {
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    const role = (verbs: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: ops }\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: ${verbs}\n`;
    writeFileSync(join(dir, 'role.yaml'), role('"*"'));
    const read = await readManifests(dir);
    expect(read.problems).toEqual([
      {
        file: 'role.yaml',
        level: 'error',
        message:
          'ClusterRole ops was skipped, the API server refuses it: rules[0].verbs: is the string "*", not a list',
      },
    ]);
    expect(failedFacts(read)).toEqual(['k8s.rbac']);
    expect(read.objects).toBe(0);
    // Written as the API server takes it, the role is read with its verb.
    writeFileSync(join(dir, 'role.yaml'), role('["*"]'));
    const good = await readManifests(dir);
    expect(good.problems).toEqual([]);
    expect(value(good.facts['k8s.rbac']).roles).toEqual([
      expect.objectContaining({ name: 'ops', rules: [{ verbs: ['*'], apiGroups: [''], resources: ['secrets'] }] }),
    ]);
  });

  it('names a refused RoleBinding by its namespace and name', async () => {
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'rb.yaml'),
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: ops, namespace: shop }\nroleRef: { kind: clusterrole, name: admin }\n',
    );
    expect((await readManifests(dir)).problems.map((p) => p.message)).toEqual([
      'RoleBinding shop/ops was skipped, the API server refuses it: roleRef.kind: "clusterrole" is not Role or ClusterRole',
    ]);
  });

  it('names a skipped object by short fields, never by a copy of the manifest', async () => {
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    const long = `x${'s3cr3t'.repeat(1000)}`;
    writeFileSync(join(dir, 'x.yaml'), `apiVersion: apps/v1\nkind: ${long}\nmetadata: { name: ${long} }\n`);
    const [problem] = (await readManifests(dir)).problems;
    expect(problem.message).toMatch(/^unknown kind "xs3cr3t.*…" for apiVersion apps\/v1 \(xs3cr3t.*…\) was skipped$/);
    expect(problem.message.length).toBeLessThan(250);
  });

  it('takes the one kind a broken text names from a single top-level kind line of a built-in kind', () => {
    expect(kindNamedIn('apiVersion: v1\nkind: Role\nrules: [\n')).toBe('Role');
    expect(kindNamedIn('kind: "ClusterRoleBinding"   # comment\r\n')).toBe('ClusterRoleBinding');
    expect(kindNamedIn('kind: Role\nitems:\n  - kind: Pod\n')).toBe('Role');
    expect(kindNamedIn('kind: Role\n---\nkind: Pod\n')).toBeNull();
    expect(kindNamedIn('kind: Role\nkind: Role\n')).toBeNull();
    expect(kindNamedIn('kind: List\n')).toBeNull();
    expect(kindNamedIn('kind: PodList\n')).toBeNull();
    expect(kindNamedIn('metadata: { name: x }\n')).toBeNull();
    expect(kindNamedIn('  kind: Role\n')).toBeNull();
    expect(kindNamedIn('{"kind": "Role"}')).toBeNull();
    // A custom resource or a typo: only the apiVersion could tell.
    expect(kindNamedIn('kind: Certificate\n')).toBeNull();
  });
});

describe('Function: readManifests, unreadable input', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'manifests-unreadable-'));
    mkdirSync(join(dir, 'ok'));
    writeFileSync(join(dir, 'ok', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: ok }\n');
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'rbac.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: hidden }\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a sub-folder it may not list an input error for every kind, never an empty folder', async () => {
    const fs = fsWith({
      readdir: (p) => (p.endsWith('/locked') ? Promise.reject(eacces(p)) : fsp.readdir(p, { withFileTypes: true })),
    });
    const read = await readManifests(dir, undefined, { fs });
    expect(read.problems).toEqual([
      { file: 'locked', level: 'error', message: 'cannot read folder: permission denied' },
    ]);
    expect(failedFacts(read)).toEqual(OBJECT_FACTS);
    expect(read.facts['k8s.namespaces']).toEqual({
      ok: false,
      reason: 'a manifest could not be read: locked: cannot read folder: permission denied',
    });
  });

  it('makes a file it may not open an input error for every kind', async () => {
    const fs = fsWith({
      open: (p, flags) => (p.endsWith('rbac.yaml') ? Promise.reject(eacces(p)) : fsp.open(p, flags)),
    });
    const read = await readManifests(dir, undefined, { fs });
    expect(read.problems).toEqual([
      { file: 'locked/rbac.yaml', level: 'error', message: 'cannot read: permission denied' },
    ]);
    expect(failedFacts(read)).toEqual(OBJECT_FACTS);
  });
});

describe('Function: readManifests, what it reads', () => {
  let work: string;
  let dir: string;
  let opened: string[];
  let fs: ManifestFs;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'manifests-fs-'));
    dir = join(work, 'dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n');
    opened = [];
    fs = fsWith({
      open: (p, flags) => {
        opened.push(p);
        return fsp.open(p, flags);
      },
    });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('refuses a link to /dev/zero without opening it, as an input error for every kind', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const read = await readManifests(dir, undefined, { fs });
    expect(read.problems).toEqual([
      {
        file: 'zero.yaml',
        level: 'error',
        message: 'symbolic link to a path outside the manifests folder; not followed',
      },
    ]);
    expect(opened.some((p) => p.startsWith('/dev'))).toBe(false);
    expect(failedFacts(read)).toEqual(OBJECT_FACTS);
  });

  it('refuses a link to a file outside the folder and never shows its contents', async () => {
    writeFileSync(
      join(work, 'outside.yaml'),
      'apiVersion: v1\nkind: Secret\nstringData: { password: hunter2-outside\n',
    );
    symlinkSync(join(work, 'outside.yaml'), join(dir, 'leak.yaml'));
    symlinkSync(work, join(dir, 'parent'));
    const read = await readManifests(dir, undefined, { fs });
    expect(read.problems).toEqual([
      expect.objectContaining({ file: 'leak.yaml', message: expect.stringMatching(/outside the manifests folder/) }),
      expect.objectContaining({ file: 'parent', message: expect.stringMatching(/outside the manifests folder/) }),
    ]);
    expect(opened.some((p) => p.includes('outside'))).toBe(false);
    expect(JSON.stringify(read)).not.toContain('hunter2');
  });

  it('refuses a FIFO and a device without opening them', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    let device = true;
    try {
      execFileSync('mknod', [join(dir, 'zero.json'), 'c', '1', '5'], { stdio: 'ignore' });
    } catch {
      device = false; // no permission to make devices here: the FIFO case still runs
    }
    const read = await readManifests(dir, undefined, { fs });
    expect(read.problems).toEqual([
      { file: 'pipe.yaml', level: 'error', message: 'not a regular file (a FIFO); not read' },
      ...(device
        ? [{ file: 'zero.json', level: 'error', message: 'not a regular file (a character device); not read' }]
        : []),
    ]);
    expect(opened.map((p) => p.slice(dir.length + 1))).toEqual(['ns.yaml']);
    expect(failedFacts(read)).toEqual(OBJECT_FACTS);
  });

  it('follows links inside the folder once, and ends link loops', async () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(
      join(dir, 'real', 'sa.yaml'),
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: s, namespace: a }\n',
    );
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    symlinkSync('..', join(dir, 'real', 'loop'));
    symlinkSync('sa.yaml', join(dir, 'real', 'again.yaml'));
    const read = await readManifests(dir, undefined, { fs });
    expect(read.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(value(read.facts['k8s.serviceAccounts'])).toEqual([{ namespace: 'a', name: 's' }]);
    expect(failedFacts(read)).toEqual([]);
  });

  it('refuses a file whose real path left the folder after it was listed (a folder swapped for a link)', async () => {
    writeFileSync(join(dir, 'swapped.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: b }\n');
    const swapped = fsWith({
      realpath: async (p) => (p.endsWith('swapped.yaml') ? '/etc/swapped.yaml' : fsp.realpath(p)),
      open: fs.open,
    });
    const read = await readManifests(dir, undefined, { fs: swapped });
    expect(read.problems).toEqual([
      { file: 'swapped.yaml', level: 'error', message: 'leads outside the manifests folder; not read' },
    ]);
    expect(opened.some((p) => p.endsWith('swapped.yaml'))).toBe(false);
    expect(failedFacts(read)).toEqual(OBJECT_FACTS);
  });

  it('enforces the size cap on the bytes read, whatever the file size says', async () => {
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(200)}\n`);
    const lying = fsWith({
      lstat: async (p) => {
        const st = await fsp.lstat(p);
        return Object.assign(Object.create(Object.getPrototypeOf(st)) as Stats, st, { size: 0 });
      },
    });
    for (const f of [fs, lying]) {
      const read = await readManifests(dir, undefined, { fs: f, maxFileBytes: 100 });
      expect(read.problems).toEqual([{ file: 'big.yaml', level: 'error', message: 'larger than 100 bytes; not read' }]);
      expect(failedFacts(read)).toEqual(OBJECT_FACTS);
    }
    writeFileSync(join(dir, 'big.yaml'), `#${'x'.repeat(98)}\n`);
    expect((await readManifests(dir, undefined, { fs, maxFileBytes: 100 })).problems).toEqual([]);
  });

  it('names file, line and column of a parse error and never the text around it', async () => {
    writeFileSync(join(dir, 'secret.json'), '{"kind": "Secret",\n "data": {"password": hunter2-json}}');
    writeFileSync(
      join(dir, 'secret.yaml'),
      'apiVersion: v1\nkind: Secret\nstringData:\n  password: |hunter2-yaml\n    x\n',
    );
    const read = await readManifests(dir, undefined, { fs });
    expect(read.problems).toEqual([
      { file: 'secret.json', level: 'error', message: 'invalid JSON at line 2, column 23: unexpected token' },
      { file: 'secret.yaml', level: 'error', message: 'invalid YAML at line 4, column 14: unexpected token' },
    ]);
    expect(JSON.stringify(read)).not.toContain('hunter2');
    // Only the Secret kind was in doubt in the YAML file, every kind in the JSON one.
    expect(failedFacts(read)).toEqual(OBJECT_FACTS);
  });
});

describe('Class: KubeFactBuilder', () => {
  it('fails the facts an unassessed kind feeds, as the live lists map them, and counts further reasons', () => {
    const { KubeFactBuilder } = require('./reduce') as typeof import('./reduce');
    const failed = (source: 'live' | 'manifests', kinds: (string | null)[]) => {
      const b = new KubeFactBuilder({ source });
      for (const k of kinds) b.unassessed(k, `no ${k ?? 'input'}`);
      return Object.fromEntries(
        Object.entries(b.finish())
          .filter(([k, f]) => k !== 'k8s.version' && !f?.ok)
          .map(([k, f]) => [k, (f as { reason: string }).reason]),
      );
    };
    expect(failed('live', ['Pod'])).toEqual({ 'k8s.workloads': 'no Pod', 'k8s.controlPlane': 'no Pod' });
    // From manifests, a namespace exists when an object lives in it.
    expect(failed('manifests', ['Pod'])).toEqual({
      'k8s.workloads': 'no Pod',
      'k8s.controlPlane': 'no Pod',
      'k8s.namespaces': 'no Pod',
    });
    expect(failed('manifests', ['ClusterRole', 'RoleBinding'])).toEqual({
      'k8s.rbac': 'no ClusterRole (and 1 more)',
      'k8s.namespaces': 'no RoleBinding',
    });
    expect(failed('manifests', ['ConfigMap'])).toEqual({});
    expect(Object.keys(failed('live', [null])).sort()).toEqual(OBJECT_FACTS);
  });

  it("reads a static Pod's flags in both forms, --name=value and --name value", () => {
    const { KubeFactBuilder } = require('./reduce') as typeof import('./reduce');
    const b = new KubeFactBuilder({ source: 'live' });
    b.add({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'kube-apiserver-cp1', namespace: 'kube-system', labels: { component: 'kube-apiserver' } },
      spec: {
        nodeName: 'cp1',
        containers: [
          {
            name: 'kube-apiserver',
            command: ['kube-apiserver', '--authorization-mode=Node,RBAC'],
            args: ['--anonymous-auth', 'false', '--profiling'],
          },
        ],
      },
    });
    const cp = b.finish()['k8s.controlPlane'];
    expect(cp?.ok && cp.value.components['kube-apiserver']?.[0].flags).toEqual({
      'authorization-mode': 'Node,RBAC',
      'anonymous-auth': 'false',
      profiling: 'true',
    });
  });

  it('takes the labels of a workload whose controller was not seen from its pods, so policies still select it', () => {
    const { KubeFactBuilder } = require('./reduce') as typeof import('./reduce');
    const b = new KubeFactBuilder({ source: 'live' });
    for (const name of ['r-1', 'r-2']) {
      b.add({
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'shop',
          labels: { app: 'checkout' },
          ownerReferences: [{ kind: 'Rollout', name: 'checkout', controller: true }],
        },
        spec: { serviceAccountName: 'checkout' },
        status: { phase: 'Running' },
      });
    }
    const facts = b.finish();
    expect(facts['k8s.workloads']).toEqual({
      ok: true,
      value: [
        {
          kind: 'Rollout',
          namespace: 'shop',
          name: 'checkout',
          podLabels: { app: 'checkout' },
          serviceAccountName: 'checkout',
          replicas: 2,
          pod: { containers: [] },
          // Its pods declare no container port: named ports resolve to nothing on it.
          ports: [],
        },
      ],
    });
  });
});
