import { evaluateCheck } from '../../src/core/engine';
import type { HostFile, HostKubelet } from '../../src/core/facts/host';
import type { Fact, FactSet, Result } from '../../src/core/model';
import { kubelet, NO_KUBELET } from './case-helpers';
import { fileCheck } from './file-check';
import { FILE_CONTROLS, type FileControl } from './file-controls';

const row = (id: string): FileControl => {
  const c = FILE_CONTROLS.find((r) => r.id === id);
  if (!c) throw new Error(`no row ${id}`);
  return c;
};

/** A row of the table's shape, for what its helper does with owners, modes and words no row of the table uses. */
const custom = (over: Partial<FileControl>): FileControl => ({
  id: 'custom',
  controls: ['1.1.1'],
  title: 'A custom file row',
  severity: 'medium',
  what: 'the custom files',
  select: (f) => f.role === 'pki-key',
  owner: { user: 'root', group: 'root' },
  whenNone: 'probe',
  remediation: 'Run "chown" and "chmod" on the custom files.',
  ...over,
});

function run(c: FileControl, files: HostFile[], k?: Fact<HostKubelet>): Result[] {
  const facts: FactSet = { 'host.files': { ok: true, value: files }, ...(k ? { 'host.kubelet': k } : {}) };
  return evaluateCheck(fileCheck(c), { target: { name: 'node-1', kind: 'host' }, facts }, { now: new Date() });
}

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const manifest = (stat: Partial<HostFile>): HostFile => ({
  role: 'static-pod-manifest',
  path: MANIFEST,
  of: 'kube-apiserver',
  ...stat,
});

describe('fileCheck: a row of file-controls.ts as a check', () => {
  it('is not applicable for a file proven absent, with that and its role as evidence', () => {
    const [r] = run(row('apiserver-manifest'), [manifest({ absent: true })]);
    expect(r).toMatchObject({ status: 'not-applicable', message: `${MANIFEST} does not exist on node-1.` });
    expect(r.evidence).toStrictEqual({ absent: true, role: 'static-pod-manifest' });
  });

  it.each([
    ['its mode', { uid: 0, gid: 0 }],
    ['its owner', { mode: '600', gid: 0 }],
    ['its group', { mode: '600', uid: 0 }],
  ])('is unknown, never failed on a guess, for a file reported without %s', (_what, stat) => {
    expect(run(row('apiserver-manifest'), [manifest(stat)])).toMatchObject([
      {
        status: 'unknown',
        resource: { kind: 'File', name: MANIFEST },
        message: `Could not assess ${MANIFEST} on node-1: no mode or owner.`,
      },
    ]);
  });

  it('is unknown, with the error, for a file that could not be read, whatever else it reports', () => {
    const [r] = run(row('apiserver-manifest'), [manifest({ mode: '600', uid: 0, gid: 0, error: 'EIO' })]);
    expect(r).toMatchObject({ status: 'unknown', message: `Could not assess ${MANIFEST} on node-1: EIO.` });
    expect(r.evidence).toBeUndefined();
  });

  it('gives owner names as evidence only when the probe reported them', () => {
    const [r] = run(row('apiserver-manifest'), [manifest({ mode: '600', uid: 0, gid: 0 })]);
    expect(r).toMatchObject({ status: 'pass', message: `${MANIFEST} on node-1 is owned by root:root with mode 600.` });
    expect(r.evidence).toStrictEqual({ mode: '600', uid: 0, gid: 0, role: 'static-pod-manifest' });
  });

  it.each([
    ['etcd', 'root', 0],
    ['root', 'etcd', 990],
  ])("fails etcd's data folder owned by %s:%s: the owner and the group must both be etcd", (user, group, gid) => {
    const dir: HostFile = { role: 'etcd-data-dir', of: 'etcd', path: '/var/lib/etcd', mode: '700', uid: 990, gid };
    expect(run(row('etcd-data-dir'), [{ ...dir, user, group }])).toMatchObject([
      {
        status: 'fail',
        message: `/var/lib/etcd on node-1: it is owned by ${user}:${group}, not etcd:etcd.`,
        evidence: { user, group },
      },
    ]);
  });

  it.each([
    [{ user: 'root', group: 'etcd' }, 0, 990],
    [{ user: 'etcd', group: 'root' }, 990, 0],
  ])('judges the names, not root IDs, for a row owned by %j', (owner, uid, gid) => {
    const c = custom({ owner, maxMode: 0o640 });
    const key: HostFile = { role: 'pki-key', path: '/etc/kubernetes/pki/etcd/peer.key', mode: '640', uid, gid };
    expect(run(c, [{ ...key, ...owner }])).toMatchObject([
      {
        status: 'pass',
        message: `/etc/kubernetes/pki/etcd/peer.key on node-1 is owned by ${owner.user}:${owner.group} with mode 640.`,
      },
    ]);
  });

  it('shows the allowed mode with three octal digits, as ls -l users read it', () => {
    const c = custom({ maxMode: 0o040 });
    expect(run(c, [{ role: 'pki-key', path: '/k', mode: '440', uid: 0, gid: 0 }])).toMatchObject([
      { status: 'fail', message: '/k on node-1: mode 440 is more permissive than 040.' },
    ]);
  });

  it('passes a row that judges the owner only without naming a mode', () => {
    const c = custom({ what: 'certificates the kubelet serves with', whenNone: 'kubelet' });
    expect(run(c, [{ role: 'pki-key', path: '/k', mode: '644', uid: 0, gid: 0 }])).toMatchObject([
      { status: 'pass', message: '/k on node-1 is owned by root:root.' },
    ]);
  });

  it('says what a host without a kubelet lacks, dropping only a leading "the"', () => {
    const c = custom({ what: 'certificates the kubelet serves with', whenNone: 'kubelet' });
    expect(run(c, [], NO_KUBELET)).toMatchObject([
      {
        status: 'not-applicable',
        resource: { kind: 'Host', name: 'node-1' },
        message: 'node-1 runs no kubelet, so it has no certificates the kubelet serves with.',
      },
    ]);
    expect(run(row('kubelet-service'), [], NO_KUBELET)).toMatchObject([
      { status: 'not-applicable', message: "node-1 runs no kubelet, so it has no kubelet's systemd unit files." },
    ]);
  });

  it('is unknown when no kubelet file was found and the kubelet was not assessed at all', () => {
    expect(run(row('kubelet-service'), [])).toMatchObject([
      {
        status: 'unknown',
        resource: { kind: 'Host', name: 'node-1' },
        message:
          "Could not assess the kubelet's systemd unit files on node-1: none was found and the kubelet was not assessed.",
      },
    ]);
  });

  it('is unknown for unit files a kubelet without a configuration file must still have', () => {
    const noConfig = kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' });
    expect(run(row('kubelet-service'), [], noConfig)).toMatchObject([
      {
        status: 'unknown',
        message:
          "Could not assess the kubelet's systemd unit files on node-1: a kubelet runs but the probe found none at the usual places.",
      },
    ]);
    expect(run(row('kubelet-config-mode'), [], noConfig)).toMatchObject([
      {
        status: 'not-applicable',
        message: 'The kubelet on node-1 runs without a configuration file (no --config, none at the usual places).',
      },
    ]);
  });
});
