/**
 * The CIS Kubernetes Benchmark controls on the mode and owner of control-plane and kubelet files, as data: each row
 * becomes one check (file-check.ts) judging both of its controls (the benchmark splits mode and ownership in two).
 */
import type { HostFile } from '../../src/core/facts/host';
import type { Severity } from '../../src/core/model';

/** What no file of the row means when the probe did not report one: it looks for the kubelet's files only where usual. */
export type WhenNone =
  /** The probe always reports these paths (present, proven absent, or an error): none means the probe did not look. */
  | 'probe'
  /** The kubelet's files: not applicable without a kubelet, unknown when a kubelet runs. */
  | 'kubelet'
  /** The kubelet's configuration file: also not applicable when the kubelet is known to run without one. */
  | 'kubelet-config';

export interface FileControl {
  /** The check ID's last part: `host.files.<id>`. */
  id: string;
  /** CIS Kubernetes Benchmark 1.12 controls: permissions first, then ownership. */
  controls: string[];
  title: string;
  severity: Severity;
  /** The files the row judges, in words: `the kube-apiserver static Pod manifest`. */
  what: string;
  select(f: HostFile): boolean;
  /** The most permissive mode allowed (bits outside it fail); undefined: the mode is not judged. */
  maxMode?: number;
  owner: { user: string; group: string };
  whenNone: WhenNone;
  /** One passing result for all the files (a folder's content) instead of one per file. */
  aggregate?: string;
  remediation: string;
}

const ROOT = { user: 'root', group: 'root' };
const manifest = (component: string, controls: string[]): FileControl => ({
  id: `${component.replace(/^kube-/, '')}-manifest`,
  controls,
  title: `The ${component} static Pod manifest is owned by root:root with mode 600 or stricter`,
  severity: 'high',
  what: `the ${component} static Pod manifest`,
  select: (f) => f.role === 'static-pod-manifest' && f.of === component,
  maxMode: 0o600,
  owner: ROOT,
  whenNone: 'probe',
  remediation: `On every control-plane node run "chown root:root /etc/kubernetes/manifests/${component}.yaml" and "chmod 600 /etc/kubernetes/manifests/${component}.yaml": whoever can write it runs any command as the ${component} Pod.`,
});
const kubeconfig = (of: string[], id: string, name: string, controls: string[]): FileControl => ({
  id,
  controls,
  title: `The ${name} kubeconfig is owned by root:root with mode 600 or stricter`,
  severity: of.includes('admin') ? 'critical' : 'high',
  what: `the ${name} kubeconfig`,
  select: (f) => f.role === 'kubeconfig' && of.some((o) => o === f.of),
  maxMode: 0o600,
  owner: ROOT,
  whenNone: 'probe',
  remediation: `On every control-plane node run "chown root:root" and "chmod 600" on ${of.map((o) => `/etc/kubernetes/${o}.conf`).join(' and ')}: it holds credentials of ${name === 'administrator' ? 'a cluster administrator' : `the ${name}`}.`,
});

export const FILE_CONTROLS: readonly FileControl[] = [
  manifest('kube-apiserver', ['1.1.1', '1.1.2']),
  manifest('kube-controller-manager', ['1.1.3', '1.1.4']),
  manifest('kube-scheduler', ['1.1.5', '1.1.6']),
  manifest('etcd', ['1.1.7', '1.1.8']),
  {
    id: 'etcd-data-dir',
    controls: ['1.1.11', '1.1.12'],
    title: "etcd's data folder is owned by etcd:etcd with mode 700 or stricter",
    severity: 'high',
    what: "etcd's data folder",
    select: (f) => f.role === 'etcd-data-dir',
    maxMode: 0o700,
    owner: { user: 'etcd', group: 'etcd' },
    whenNone: 'probe',
    remediation:
      'On every etcd node run "chmod 700" and "chown etcd:etcd" on the folder etcd\'s --data-dir names (kubeadm: ' +
      '/var/lib/etcd): it holds every object of the cluster, Secrets included.',
  },
  kubeconfig(['admin', 'super-admin'], 'admin-kubeconfig', 'administrator', ['1.1.13', '1.1.14']),
  kubeconfig(['scheduler'], 'scheduler-kubeconfig', 'scheduler', ['1.1.15', '1.1.16']),
  kubeconfig(['controller-manager'], 'controller-manager-kubeconfig', 'controller manager', ['1.1.17', '1.1.18']),
  {
    id: 'pki-ownership',
    controls: ['1.1.19'],
    title: 'The Kubernetes PKI folder and every file in it are owned by root:root',
    severity: 'high',
    what: 'the Kubernetes PKI folder',
    select: (f) =>
      (f.role === 'pki' || f.role === 'pki-key') &&
      (f.path === '/etc/kubernetes/pki' || f.path.startsWith('/etc/kubernetes/pki/')),
    owner: ROOT,
    whenNone: 'probe',
    aggregate: '/etc/kubernetes/pki',
    remediation:
      'On every control-plane node run "chown -R root:root /etc/kubernetes/pki": it holds the cluster\'s CA keys.',
  },
  {
    id: 'kubelet-service',
    controls: ['4.1.1', '4.1.2'],
    title: "The kubelet's systemd unit and drop-ins are owned by root:root with mode 600 or stricter",
    severity: 'medium',
    what: "the kubelet's systemd unit files",
    select: (f) => f.role === 'kubelet-service',
    maxMode: 0o600,
    owner: ROOT,
    whenNone: 'kubelet',
    remediation:
      'Run "chown root:root" and "chmod 600" on the kubelet\'s unit file and drop-ins (for example ' +
      "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf): whoever can write them sets the kubelet's flags.",
  },
  {
    id: 'kubelet-kubeconfig',
    controls: ['4.1.5', '4.1.6'],
    title: "The kubelet's kubeconfig is owned by root:root with mode 600 or stricter",
    severity: 'high',
    what: "the kubelet's kubeconfig",
    select: (f) => f.role === 'kubeconfig' && f.of === 'kubelet',
    maxMode: 0o600,
    owner: ROOT,
    whenNone: 'kubelet',
    remediation:
      'Run "chown root:root" and "chmod 600" on the file the kubelet\'s --kubeconfig names (kubeadm: ' +
      "/etc/kubernetes/kubelet.conf): it holds the node's credentials.",
  },
  {
    id: 'kubelet-config-mode',
    controls: ['4.1.9', '4.1.10'],
    title: "The kubelet's configuration file is owned by root:root with mode 600 or stricter",
    severity: 'high',
    what: "the kubelet's configuration file",
    select: (f) => f.role === 'kubelet-config',
    maxMode: 0o600,
    owner: ROOT,
    whenNone: 'kubelet-config',
    remediation:
      'Run "chown root:root" and "chmod 600" on the file the kubelet\'s --config names (kubeadm: ' +
      "/var/lib/kubelet/config.yaml): whoever can write it turns off the kubelet's authentication.",
  },
];
