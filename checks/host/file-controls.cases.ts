/**
 * Cases for every file control: a file that meets it, one that fails it (mode and owner), and what an absent, an
 * unreadable or an unreported file gives.
 */
import type { HostFile } from '../../src/core/facts/host';
import type { FactSet } from '../../src/core/model';
import { type CheckCase, type CheckCases, defineCases } from '../../test/support/cases';
import { kubelet, NO_KUBELET } from './case-helpers';
import { FILE_CONTROLS } from './file-controls';
import { hostChecks } from './index';

const files = (...list: HostFile[]): FactSet => ({ 'host.files': { ok: true, value: list } });
const f = (role: HostFile['role'], path: string, of: string | undefined, mode: string, uid = 0, gid = 0): HostFile => ({
  role,
  path,
  ...(of ? { of } : {}),
  mode,
  uid,
  gid,
});

/** Per row: a representative file of it (role, path, whose). */
const SAMPLE: Record<string, { role: HostFile['role']; path: string; of?: string }> = {
  'apiserver-manifest': {
    role: 'static-pod-manifest',
    path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
    of: 'kube-apiserver',
  },
  'controller-manager-manifest': {
    role: 'static-pod-manifest',
    path: '/etc/kubernetes/manifests/kube-controller-manager.yaml',
    of: 'kube-controller-manager',
  },
  'scheduler-manifest': {
    role: 'static-pod-manifest',
    path: '/etc/kubernetes/manifests/kube-scheduler.yaml',
    of: 'kube-scheduler',
  },
  'etcd-manifest': { role: 'static-pod-manifest', path: '/etc/kubernetes/manifests/etcd.yaml', of: 'etcd' },
  'admin-kubeconfig': { role: 'kubeconfig', path: '/etc/kubernetes/admin.conf', of: 'admin' },
  'scheduler-kubeconfig': { role: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', of: 'scheduler' },
  'controller-manager-kubeconfig': {
    role: 'kubeconfig',
    path: '/etc/kubernetes/controller-manager.conf',
    of: 'controller-manager',
  },
  'kubelet-service': {
    role: 'kubelet-service',
    path: '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
    of: 'kubelet',
  },
  'kubelet-kubeconfig': { role: 'kubeconfig', path: '/etc/kubernetes/kubelet.conf', of: 'kubelet' },
  'kubelet-config-mode': { role: 'kubelet-config', path: '/var/lib/kubelet/config.yaml', of: 'kubelet' },
};

/** The same cases for every row whose files are root:root and 600 or stricter. */
function rootFileCases(id: string): CheckCase[] {
  const s = SAMPLE[id];
  return [
    {
      name: 'passes a root:root file with mode 600',
      facts: files(f(s.role, s.path, s.of, '600')),
      expect: [
        {
          status: 'pass',
          kind: 'File',
          resource: s.path,
          message: `${s.path} on node-1 is owned by root:root with mode 600.`,
          evidence: { mode: '600', uid: 0, gid: 0 },
        },
      ],
    },
    {
      name: 'passes a stricter mode (400)',
      facts: files(f(s.role, s.path, s.of, '400')),
      expect: [{ status: 'pass', resource: s.path }],
    },
    {
      name: 'fails mode 644 (readable by everyone), which only "not writable" rules would pass',
      facts: files(f(s.role, s.path, s.of, '644')),
      expect: [{ status: 'fail', resource: s.path, message: 'mode 644 is more permissive than 600' }],
    },
    {
      name: 'fails a file owned by root but another group, naming both IDs',
      facts: files(f(s.role, s.path, s.of, '600', 0, 1000)),
      expect: [{ status: 'fail', message: 'it is owned by UID 0, GID 1000, not root:root' }],
    },
    {
      name: 'fails a setuid bit beyond 600, and another owner, naming both problems',
      facts: files(f(s.role, s.path, s.of, '4600', 1000, 0)),
      expect: [
        {
          status: 'fail',
          message: `${s.path} on node-1: mode 4600 is more permissive than 600; it is owned by UID 1000, GID 0, not root:root.`,
        },
      ],
    },
    {
      name: 'is unknown when the file could not be stat()ed',
      facts: files({ role: s.role, path: s.path, ...(s.of ? { of: s.of } : {}), error: 'permission denied' }),
      expect: [{ status: 'unknown', resource: s.path, message: 'permission denied' }],
    },
  ];
}

const EXTRA: Record<string, CheckCase[]> = {
  'apiserver-manifest': [
    {
      name: 'is not applicable where the probe proved the manifest absent (not a control-plane node)',
      facts: files({
        role: 'static-pod-manifest',
        path: SAMPLE['apiserver-manifest'].path,
        of: 'kube-apiserver',
        absent: true,
      }),
      expect: [{ status: 'not-applicable', resource: SAMPLE['apiserver-manifest'].path, message: 'does not exist' }],
    },
    {
      name: 'is unknown, not applicable, when the probe did not report the manifest at all',
      facts: files(),
      expect: [{ status: 'unknown', kind: 'Host', resource: 'node-1', message: 'the host probe did not report it' }],
    },
    {
      name: "judges only the kube-apiserver's manifest among the others",
      facts: files(
        f('static-pod-manifest', '/etc/kubernetes/manifests/etcd.yaml', 'etcd', '644'),
        f('static-pod-manifest', SAMPLE['apiserver-manifest'].path, 'kube-apiserver', '600'),
      ),
      expect: [{ status: 'pass', resource: SAMPLE['apiserver-manifest'].path }],
    },
  ],
  'admin-kubeconfig': [
    {
      name: 'judges super-admin.conf too, and ignores one proven absent beside a present one',
      facts: files(
        f('kubeconfig', '/etc/kubernetes/admin.conf', 'admin', '600'),
        f('kubeconfig', '/etc/kubernetes/super-admin.conf', 'super-admin', '640'),
        { role: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', of: 'scheduler', absent: true },
      ),
      expect: [
        { status: 'pass', resource: '/etc/kubernetes/admin.conf' },
        { status: 'fail', resource: '/etc/kubernetes/super-admin.conf', message: 'mode 640' },
      ],
    },
    {
      name: 'is not applicable on a worker, where both are proven absent',
      facts: files(
        { role: 'kubeconfig', path: '/etc/kubernetes/admin.conf', of: 'admin', absent: true },
        { role: 'kubeconfig', path: '/etc/kubernetes/super-admin.conf', of: 'super-admin', absent: true },
      ),
      expect: [{ status: 'not-applicable' }, { status: 'not-applicable' }],
    },
  ],
  'kubelet-service': [
    {
      name: 'is not applicable on a host without a kubelet',
      facts: { ...files(), 'host.kubelet': NO_KUBELET },
      expect: [{ status: 'not-applicable', kind: 'Host', message: 'runs no kubelet' }],
    },
    {
      name: 'is unknown when a kubelet runs but no unit file was found',
      facts: { ...files(), 'host.kubelet': kubelet({}) },
      expect: [{ status: 'unknown', message: 'a kubelet runs but the probe found none at the usual places' }],
    },
    {
      name: 'is unknown when no unit was found and the kubelet fact is missing',
      facts: { ...files(), 'host.kubelet': { ok: false, reason: 'the probe timed out' } },
      expect: [{ status: 'unknown', message: 'none was found and the probe timed out' }],
    },
    {
      name: 'is unknown, never not applicable, when a drop-in folder could not be listed',
      facts: files({
        role: 'kubelet-service',
        of: 'kubelet',
        path: '/etc/systemd/system/kubelet.service.d',
        error: 'permission denied (the folder cannot be listed)',
      }),
      expect: [{ status: 'unknown', message: 'the folder cannot be listed' }],
    },
  ],
  'kubelet-config-mode': [
    {
      name: 'is not applicable when the kubelet is known to run without a configuration file',
      facts: { ...files(), 'host.kubelet': kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' }) },
      expect: [{ status: 'not-applicable', message: 'runs without a configuration file' }],
    },
    {
      name: 'is unknown when the kubelet runs, its flags are not visible and no configuration file was found',
      facts: { ...files(), 'host.kubelet': kubelet(null, null) },
      expect: [{ status: 'unknown' }],
    },
  ],
};

const ETCD_DIR = '/var/lib/etcd';
const etcdDir = (mode: string, user?: string, group?: string, uid = 990, gid = 990): HostFile => ({
  role: 'etcd-data-dir',
  of: 'etcd',
  path: ETCD_DIR,
  mode,
  uid,
  gid,
  ...(user !== undefined ? { user } : {}),
  ...(group !== undefined ? { group } : {}),
});

const PKI = '/etc/kubernetes/pki';
const SPECIAL: Record<string, CheckCase[]> = {
  'etcd-data-dir': [
    {
      name: 'passes a folder owned by etcd:etcd (names from the host) with mode 700',
      facts: files(etcdDir('700', 'etcd', 'etcd')),
      expect: [
        {
          status: 'pass',
          resource: ETCD_DIR,
          message: '/var/lib/etcd on node-1 is owned by etcd:etcd with mode 700.',
          evidence: { user: 'etcd', group: 'etcd', uid: 990 },
        },
      ],
    },
    {
      name: 'fails a root-owned folder (kubeadm leaves it so): the benchmark asks for etcd:etcd',
      facts: files(etcdDir('700', 'root', 'root', 0, 0)),
      expect: [{ status: 'fail', message: 'it is owned by root:root, not etcd:etcd' }],
    },
    {
      name: 'fails mode 755 and an owner without a name on the host, showing the IDs',
      facts: files(etcdDir('755', undefined, undefined, 4242, 4242)),
      expect: [
        {
          status: 'fail',
          message:
            '/var/lib/etcd on node-1: mode 755 is more permissive than 700; it is owned by UID 4242:GID 4242, not etcd:etcd.',
        },
      ],
    },
    {
      name: 'is not applicable where the folder is proven absent (no etcd on this host)',
      facts: files({ role: 'etcd-data-dir', of: 'etcd', path: ETCD_DIR, absent: true }),
      expect: [{ status: 'not-applicable', resource: ETCD_DIR }],
    },
    {
      name: 'is unknown when a folder on the way cannot be searched',
      facts: files({
        role: 'etcd-data-dir',
        of: 'etcd',
        path: ETCD_DIR,
        error: 'permission denied (/var/lib cannot be searched)',
      }),
      expect: [{ status: 'unknown', message: 'cannot be searched' }],
    },
  ],
  'pki-ownership': [
    {
      name: 'passes once for the folder when it and every entry are root:root, whatever their modes',
      facts: files(
        f('pki', PKI, undefined, '755'),
        f('pki-key', `${PKI}/ca.key`, undefined, '600'),
        f('pki', `${PKI}/ca.crt`, undefined, '644'),
        f('pki', `${PKI}/etcd`, undefined, '755'),
        f('pki-key', '/var/lib/kubelet/pki/kubelet.key', undefined, '600', 1000, 1000),
      ),
      expect: [
        {
          status: 'pass',
          resource: PKI,
          message: '/etc/kubernetes/pki and the 3 entries under it on node-1 are owned by root:root.',
          evidence: { entries: 4 },
        },
      ],
    },
    {
      name: 'fails each entry owned by another user, and gives no pass for the folder',
      facts: files(
        f('pki', PKI, undefined, '755'),
        f('pki', `${PKI}/ca.crt`, undefined, '644', 1000, 0),
        f('pki-key', `${PKI}/sa.key`, undefined, '600', 0, 1000),
      ),
      expect: [
        { status: 'fail', resource: `${PKI}/ca.crt`, message: 'owned by UID 1000, GID 0, not root:root' },
        { status: 'fail', resource: `${PKI}/sa.key` },
      ],
    },
    {
      name: 'is unknown, without a pass, when the folder could not be listed completely',
      facts: files(f('pki', PKI, undefined, '755'), {
        role: 'pki',
        path: PKI,
        error: 'the directory could not be listed completely',
      }),
      expect: [{ status: 'unknown', resource: PKI, message: 'could not be listed completely' }],
    },
    {
      name: 'is unknown when only keys were reported, not the folder itself',
      facts: files(f('pki-key', `${PKI}/ca.key`, undefined, '600')),
      expect: [{ status: 'unknown', resource: PKI, message: 'did not report the folder itself' }],
    },
    {
      name: 'is not applicable where the folder is proven absent',
      facts: files({ role: 'pki', path: PKI, absent: true }),
      expect: [{ status: 'not-applicable', resource: PKI }],
    },
  ],
};

const byId = new Map(hostChecks.map((c) => [c.id, c]));

export default FILE_CONTROLS.map((c): CheckCases => {
  const check = byId.get(`host.files.${c.id}`);
  if (!check) throw new Error(`host.files.${c.id} is not registered`);
  const cases = SPECIAL[c.id] ?? [...rootFileCases(c.id), ...(EXTRA[c.id] ?? [])];
  return defineCases(check, cases);
});
