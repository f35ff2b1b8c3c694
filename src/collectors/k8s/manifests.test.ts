import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KWorkload } from '../../core/facts/k8s';
import { readManifests } from './manifests';

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

  it('reports a malformed YAML file by name and line, and reads the other files', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: [oops\n');
    writeFileSync(join(dir, 'good.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: good }\n');
    const read = await readManifests(dir);
    expect(read.problems).toEqual([
      expect.objectContaining({ file: 'bad.yaml', level: 'error', message: expect.stringMatching(/^invalid YAML/) }),
    ]);
    expect(value(read.facts['k8s.namespaces']).map((n) => n.name)).toEqual(['good']);
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
      ['secret.json', expect.stringMatching(/^invalid JSON at line 1, column \d+$/)],
      ['secret.yaml', expect.stringMatching(/^invalid YAML at line \d+: [A-Z][a-z ]+$/)],
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

  it('reports an unreadable sub-folder and goes on', async () => {
    if (process.getuid?.() === 0) {
      // root reads everything: simulate with a folder that vanishes instead.
      mkdirSync(join(dir, 'ok'));
      writeFileSync(join(dir, 'ok', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: ok }\n');
      writeFileSync(join(dir, 'bad.json'), '{"kind": ');
      const read = await readManifests(dir);
      expect(read.problems).toEqual([
        expect.objectContaining({ file: 'bad.json', message: expect.stringMatching(/^invalid JSON/) }),
      ]);
      expect(value(read.facts['k8s.namespaces']).map((n) => n.name)).toEqual(['ok']);
      return;
    }
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o000);
    const read = await readManifests(dir);
    expect(read.problems).toEqual([
      expect.objectContaining({ file: 'locked', message: 'cannot read folder: permission denied' }),
    ]);
  });

  it('throws a clear error when the folder does not exist', async () => {
    await expect(readManifests(join(dir, 'missing'))).rejects.toThrow(
      /cannot read manifests folder .*missing: no such file or folder/,
    );
  });
});

describe('Class: KubeFactBuilder', () => {
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
        },
      ],
    });
  });
});
