/**
 * The control-plane and kubelet file controls (CIS 1.1.x, 4.1.x) through the real probe over host roots: what it
 * reports for each file (whose it is, proven absent, owner names from the host's own account files, etcd's data
 * folder from its manifest), and what the checks make of it. A file hidden by a folder the probe may not search is
 * unknown, never absent.
 */
import { chmodSync, chownSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostChecks } from '../../checks/host';
import { controlplaneChecks } from '../../checks/k8s/controlplane';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { evaluateTarget } from '../../src/core/engine';
import type { HostFile } from '../../src/core/facts/host';
import type { Result, TargetFacts } from '../../src/core/model';
import { makeRoot, type RootSpec } from './make-root';

const now = new Date('2026-11-30T00:00:00Z');
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});

const manifest = (name: string, args: string[]) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: ${name}\n    command:\n` +
  [name, ...args].map((a) => `    - ${a}\n`).join('');

/** A kubeadm control-plane node: some files as CIS wants them, some not. */
function controlPlaneNode(etcdArgs: string[] = ['--data-dir=/var/lib/etcd-data']): RootSpec {
  return {
    'etc/passwd': 'root:x:0:0::/root:/bin/sh\netcd:x:990:991::/var/lib/etcd:/sbin/nologin\n',
    'etc/group': 'root:x:0:\netcd:x:991:\n',
    // pflag adds up a repeated list flag: ServiceAccount stays disabled though the last one does not name it.
    'etc/kubernetes/manifests/kube-apiserver.yaml': {
      content: manifest('kube-apiserver', [
        '--disable-admission-plugins=ServiceAccount',
        '--disable-admission-plugins=DefaultStorageClass',
      ]),
      mode: 0o644,
    },
    'etc/kubernetes/manifests/kube-controller-manager.yaml': {
      content: manifest('kube-controller-manager', []),
      mode: 0o600,
    },
    'etc/kubernetes/manifests/kube-scheduler.yaml': {
      content: manifest('kube-scheduler', ['--profiling=false', '--bind-address=0.0.0.0']),
      mode: 0o600,
    },
    'etc/kubernetes/manifests/etcd.yaml': { content: manifest('etcd', etcdArgs), mode: 0o600 },
    'etc/kubernetes/admin.conf': { content: 'kind: Config\n', mode: 0o600 },
    'etc/kubernetes/controller-manager.conf': { content: 'kind: Config\n', mode: 0o640 },
    'etc/kubernetes/pki/ca.crt': { content: 'not read\n', mode: 0o644 },
    'etc/kubernetes/pki/ca.key': { content: 'not read\n', mode: 0o600 },
    'etc/kubernetes/pki/etcd/ca.crt': { content: 'not read\n', mode: 0o644 },
  };
}

async function probe(r: string, asNobody = false): Promise<TargetFacts> {
  const run = await runProbe(
    r,
    asNobody
      ? { shell: '/usr/bin/setpriv', shellArgs: ['--reuid=65534', '--regid=65534', '--clear-groups', '/bin/sh'] }
      : undefined,
  );
  return parseProbeOutput(run.stdout, { name: 'cp-1', kind: 'host' });
}

function files(tf: TargetFacts): HostFile[] {
  const f = tf.facts['host.files'];
  if (!f?.ok) throw new Error(`host.files not collected: ${f ? f.reason : 'absent'}`);
  return f.value;
}

const results = (tf: TargetFacts, id: string): Result[] =>
  evaluateTarget(
    [...hostChecks, ...controlplaneChecks].filter((c) => c.id === id),
    tf,
    { now },
  );

describe('Probe: control-plane files on a kubeadm control-plane node', () => {
  let tf: TargetFacts;
  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('this test sets file owners: run it as root');
    const r = makeRoot('cp-1', controlPlaneNode());
    roots.push(r);
    mkdirSync(join(r, 'var/lib/etcd-data'), { recursive: true });
    chmodSync(join(r, 'var/lib/etcd-data'), 0o700);
    chownSync(join(r, 'var/lib/etcd-data'), 990, 991);
    chownSync(join(r, 'etc/kubernetes/pki/etcd/ca.crt'), 1000, 0);
    tf = await probe(r);
  });

  it("reports each file with whose it is, and the etcd data folder named by etcd's --data-dir with its owner names", () => {
    const byPath = new Map(files(tf).map((f) => [f.path, f]));
    expect(byPath.get('/etc/kubernetes/manifests/kube-apiserver.yaml')).toEqual({
      role: 'static-pod-manifest',
      of: 'kube-apiserver',
      path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
      mode: '644',
      uid: 0,
      gid: 0,
    });
    expect(byPath.get('/var/lib/etcd-data')).toEqual({
      role: 'etcd-data-dir',
      of: 'etcd',
      path: '/var/lib/etcd-data',
      mode: '700',
      uid: 990,
      gid: 991,
      user: 'etcd',
      group: 'etcd',
    });
    expect(byPath.get('/etc/kubernetes/scheduler.conf')).toEqual({
      role: 'kubeconfig',
      of: 'scheduler',
      path: '/etc/kubernetes/scheduler.conf',
      absent: true,
    });
    expect(byPath.get('/etc/kubernetes/pki')).toMatchObject({ role: 'pki', mode: '755' });
    expect(byPath.get('/etc/kubernetes/pki/etcd/ca.crt')).toMatchObject({ role: 'pki', uid: 1000 });
    expect(byPath.get('/etc/kubernetes/pki/ca.key')).toMatchObject({ role: 'pki-key' });
    // Candidates that lead nowhere are not reported: only the files whose absence a control needs.
    expect(byPath.has('/var/lib/kubelet/kubeconfig')).toBe(false);
  });

  it.each([
    ['host.files.apiserver-manifest', 'fail', 'mode 644 is more permissive than 600'],
    ['host.files.controller-manager-manifest', 'pass', 'owned by root:root with mode 600'],
    ['host.files.etcd-manifest', 'pass', 'mode 600'],
    ['host.files.etcd-data-dir', 'pass', '/var/lib/etcd-data on cp-1 is owned by etcd:etcd with mode 700.'],
    ['host.files.admin-kubeconfig', 'pass', '/etc/kubernetes/admin.conf'],
    ['host.files.controller-manager-kubeconfig', 'fail', 'mode 640'],
    ['host.files.scheduler-kubeconfig', 'not-applicable', 'does not exist'],
    ['host.files.pki-ownership', 'fail', '/etc/kubernetes/pki/etcd/ca.crt on cp-1: it is owned by UID 1000'],
    ['host.files.kubelet-service', 'not-applicable', 'runs no kubelet'],
    ['host.controlplane.apiserver-profiling-disabled', 'fail', '--profiling is not set (defaults to true)'],
    ['host.controlplane.scheduler-profiling-disabled', 'pass', '--profiling is false'],
    ['host.controlplane.scheduler-bind-address', 'fail', '--bind-address is 0.0.0.0'],
    [
      'host.controlplane.apiserver-service-account-plugin',
      'fail',
      'the ServiceAccount admission plugin is disabled (in --disable-admission-plugins)',
    ],
  ])('%s: %s', (id, status, message) => {
    const got = results(tf, id);
    expect(got.some((r) => r.status === status && r.message.includes(message))).toBe(true);
  });
});

describe('Probe: where the control-plane files cannot be seen', () => {
  it('makes a manifest behind a folder the probe may not search unknown, never not applicable', async () => {
    if (process.getuid?.() !== 0) throw new Error('this test runs the probe as another user: run it as root');
    const r = makeRoot('cp-2', controlPlaneNode());
    roots.push(r);
    chmodSync(dirname(r), 0o755);
    chmodSync(join(r, 'etc/kubernetes'), 0o700);
    const tf = await probe(r, true);
    const apiserver = files(tf).find((f) => f.of === 'kube-apiserver');
    expect(apiserver).toMatchObject({
      role: 'static-pod-manifest',
      error: expect.stringContaining('permission denied'),
    });
    expect(apiserver?.absent).toBeUndefined();
    const got = results(tf, 'host.files.apiserver-manifest');
    expect(got.map((x) => x.status)).toEqual(['unknown']);
    expect(results(tf, 'host.files.admin-kubeconfig').map((x) => x.status)).toEqual(['unknown', 'unknown']);
  });

  it('falls back to /var/lib/etcd without --data-dir, and reads a quoted one', async () => {
    const plain = makeRoot('cp-3', controlPlaneNode([]));
    const quoted = makeRoot('cp-4', controlPlaneNode(['"--data-dir=/srv/etcd"']));
    roots.push(plain, quoted);
    const dir = async (r: string) => files(await probe(r)).find((f) => f.role === 'etcd-data-dir');
    expect(await dir(plain)).toEqual({ role: 'etcd-data-dir', of: 'etcd', path: '/var/lib/etcd', absent: true });
    expect(await dir(quoted)).toEqual({ role: 'etcd-data-dir', of: 'etcd', path: '/srv/etcd', absent: true });
  });
});
