import type { HostFile } from '../../src/core/facts/host';
import { FILE_CONTROLS } from './file-controls';

// One file of every role, and each `of` a row names, with decoys: a row must take its own files and no other.
const FILES: HostFile[] = [
  ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'].map(
    (of): HostFile => ({ role: 'static-pod-manifest', path: `/etc/kubernetes/manifests/${of}.yaml`, of }),
  ),
  { role: 'static-pod-manifest', path: '/etc/kubernetes/manifests/extra.yaml' },
  ...['admin', 'super-admin', 'scheduler', 'controller-manager', 'kubelet'].map(
    (of): HostFile => ({ role: 'kubeconfig', path: `/etc/kubernetes/${of}.conf`, of }),
  ),
  { role: 'kubeconfig', path: '/etc/kubernetes/unknown.conf' },
  { role: 'kubelet-config', path: '/var/lib/kubelet/config.yaml', of: 'kubelet' },
  { role: 'kubelet-service', path: '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', of: 'kubelet' },
  { role: 'etcd-data-dir', path: '/var/lib/etcd', of: 'etcd' },
  { role: 'pki', path: '/etc/kubernetes/pki' },
  { role: 'pki', path: '/etc/kubernetes/pki/ca.crt' },
  { role: 'pki-key', path: '/etc/kubernetes/pki/ca.key' },
  { role: 'pki', path: '/etc/kubernetes/pki-old/ca.crt' },
  { role: 'pki-key', path: '/etc/kubernetes/pkix' },
  { role: 'kubeconfig', path: '/etc/kubernetes/pki/admin.conf', of: 'kubelet' },
  { role: 'kubelet-service', path: '/etc/systemd/system/admin.service', of: 'admin' },
];

const EXPECTED: Record<string, string[]> = {
  'apiserver-manifest': ['/etc/kubernetes/manifests/kube-apiserver.yaml'],
  'controller-manager-manifest': ['/etc/kubernetes/manifests/kube-controller-manager.yaml'],
  'scheduler-manifest': ['/etc/kubernetes/manifests/kube-scheduler.yaml'],
  'etcd-manifest': ['/etc/kubernetes/manifests/etcd.yaml'],
  'etcd-data-dir': ['/var/lib/etcd'],
  'admin-kubeconfig': ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf'],
  'scheduler-kubeconfig': ['/etc/kubernetes/scheduler.conf'],
  'controller-manager-kubeconfig': ['/etc/kubernetes/controller-manager.conf'],
  'pki-ownership': ['/etc/kubernetes/pki', '/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki/ca.key'],
  'kubelet-service': ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', '/etc/systemd/system/admin.service'],
  'kubelet-kubeconfig': ['/etc/kubernetes/kubelet.conf', '/etc/kubernetes/pki/admin.conf'],
  'kubelet-config-mode': ['/var/lib/kubelet/config.yaml'],
};

describe('FILE_CONTROLS: the files each row judges', () => {
  it('lists every row once in this table', () => {
    expect(FILE_CONTROLS.map((c) => c.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(FILE_CONTROLS.map((c) => [c.id, c] as const))('%s takes its own files and no other', (id, control) => {
    expect(FILES.filter((f) => control.select(f)).map((f) => f.path)).toEqual(EXPECTED[id]);
  });
});
