/**
 * The CIS Kubernetes Benchmark controls judged by one control-plane component flag, as data: each row becomes one
 * check (flag-check.ts). Controls whose flags an existing check already judges (authentication, authorization,
 * TLS, etcd) are not repeated here.
 */
import type { ControlPlaneComponent } from '../../../src/core/facts/k8s';
import type { Severity } from '../../../src/core/model';
import {
  admissionPlugin,
  atLeast,
  boolIs,
  type FlagPredicate,
  featureGateIs,
  isSet,
  loopbackBind,
} from './flag-semantics';

export interface FlagControl {
  /** The check ID's last part: `k8s.controlplane.<id>`. */
  id: string;
  component: ControlPlaneComponent;
  /** CIS Kubernetes Benchmark 1.12 control. */
  control: string;
  title: string;
  severity: Severity;
  rule: FlagPredicate;
  remediation: string;
}

const APISERVER_MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const CM_MANIFEST = '/etc/kubernetes/manifests/kube-controller-manager.yaml';
const SCHEDULER_MANIFEST = '/etc/kubernetes/manifests/kube-scheduler.yaml';
const onEveryNode = (manifest: string, change: string) =>
  `${change} in ${manifest} on every control-plane node (the kubelet restarts the component).`;

export const FLAG_CONTROLS: readonly FlagControl[] = [
  {
    id: 'apiserver-no-always-admit',
    component: 'kube-apiserver',
    control: '1.2.10',
    title: 'The API server does not run the AlwaysAdmit admission plugin',
    severity: 'high',
    rule: admissionPlugin('AlwaysAdmit', false, false),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Remove AlwaysAdmit from --enable-admission-plugins (it admits every request, whatever the other plugins say)',
    ),
  },
  {
    id: 'apiserver-service-account-plugin',
    component: 'kube-apiserver',
    control: '1.2.12',
    title: 'The API server runs the ServiceAccount admission plugin',
    severity: 'medium',
    rule: admissionPlugin('ServiceAccount', true, true),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Remove ServiceAccount from --disable-admission-plugins (it gives every Pod a ServiceAccount and checks the one it names)',
    ),
  },
  {
    id: 'apiserver-namespace-lifecycle-plugin',
    component: 'kube-apiserver',
    control: '1.2.13',
    title: 'The API server runs the NamespaceLifecycle admission plugin',
    severity: 'medium',
    rule: admissionPlugin('NamespaceLifecycle', true, true),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Remove NamespaceLifecycle from --disable-admission-plugins (it refuses objects in namespaces being deleted or absent)',
    ),
  },
  {
    id: 'apiserver-profiling-disabled',
    component: 'kube-apiserver',
    control: '1.2.15',
    title: 'The API server does not serve profiling data',
    severity: 'low',
    rule: boolIs('profiling', false, true),
    remediation: onEveryNode(APISERVER_MANIFEST, 'Set --profiling=false (profiling is on by default)'),
  },
  {
    id: 'apiserver-audit-log-path',
    component: 'kube-apiserver',
    control: '1.2.16',
    title: 'The API server writes an audit log',
    severity: 'medium',
    rule: isSet('audit-log-path'),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Set --audit-log-path=/var/log/kubernetes/audit/audit.log and an --audit-policy-file, with both mounted into the Pod',
    ),
  },
  {
    id: 'apiserver-audit-log-maxage',
    component: 'kube-apiserver',
    control: '1.2.17',
    title: 'The API server keeps audit log files for at least 30 days',
    severity: 'low',
    rule: atLeast('audit-log-maxage', 30),
    remediation: onEveryNode(APISERVER_MANIFEST, 'Set --audit-log-maxage=30 or more'),
  },
  {
    id: 'apiserver-audit-log-maxbackup',
    component: 'kube-apiserver',
    control: '1.2.18',
    title: 'The API server keeps at least 10 rotated audit log files',
    severity: 'low',
    rule: atLeast('audit-log-maxbackup', 10),
    remediation: onEveryNode(APISERVER_MANIFEST, 'Set --audit-log-maxbackup=10 or more'),
  },
  {
    id: 'apiserver-audit-log-maxsize',
    component: 'kube-apiserver',
    control: '1.2.19',
    title: 'The API server rotates audit log files at 100 MB or more',
    severity: 'low',
    rule: atLeast('audit-log-maxsize', 100),
    remediation: onEveryNode(APISERVER_MANIFEST, 'Set --audit-log-maxsize=100 or more (megabytes)'),
  },
  {
    id: 'apiserver-audit-policy-file',
    component: 'kube-apiserver',
    control: '3.2.1',
    title: 'The API server is given an audit policy',
    severity: 'medium',
    rule: isSet('audit-policy-file'),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Set --audit-policy-file to a policy that records at least Metadata for every request (without a policy the API server records no audit event at all), mounted into the Pod',
    ),
  },
  {
    id: 'apiserver-service-account-lookup',
    component: 'kube-apiserver',
    control: '1.2.21',
    title: 'The API server checks that a service account token still belongs to an existing ServiceAccount',
    severity: 'medium',
    rule: boolIs('service-account-lookup', true, true),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Remove --service-account-lookup=false or set it to true (otherwise a token of a deleted ServiceAccount still works)',
    ),
  },
  {
    id: 'apiserver-service-account-key-file',
    component: 'kube-apiserver',
    control: '1.2.22',
    title: 'The API server is given the public keys that verify service account tokens',
    severity: 'medium',
    rule: isSet('service-account-key-file'),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Set --service-account-key-file to the public key of the pair whose private key the controller manager signs with (kubeadm: /etc/kubernetes/pki/sa.pub)',
    ),
  },
  {
    id: 'apiserver-no-extended-token-expiration',
    component: 'kube-apiserver',
    control: '1.2.30',
    title: 'The API server does not extend the lifetime of projected service account tokens',
    severity: 'medium',
    rule: boolIs('service-account-extend-token-expiration', false, true),
    remediation: onEveryNode(
      APISERVER_MANIFEST,
      'Set --service-account-extend-token-expiration=false (it is true by default: tokens then live up to a year)',
    ),
  },
  {
    id: 'controller-manager-profiling-disabled',
    component: 'kube-controller-manager',
    control: '1.3.2',
    title: 'The controller manager does not serve profiling data',
    severity: 'low',
    rule: boolIs('profiling', false, true),
    remediation: onEveryNode(CM_MANIFEST, 'Set --profiling=false (profiling is on by default)'),
  },
  {
    id: 'controller-manager-kubelet-server-cert-rotation',
    component: 'kube-controller-manager',
    control: '1.3.6',
    title: 'The controller manager keeps the RotateKubeletServerCertificate feature gate on',
    severity: 'medium',
    rule: featureGateIs('RotateKubeletServerCertificate', true, true),
    remediation: onEveryNode(
      CM_MANIFEST,
      'Remove RotateKubeletServerCertificate=false from --feature-gates (or set it to true)',
    ),
  },
  {
    id: 'controller-manager-bind-address',
    component: 'kube-controller-manager',
    control: '1.3.7',
    title: 'The controller manager serves its port on the loopback address only',
    severity: 'medium',
    rule: loopbackBind('bind-address', '0.0.0.0'),
    remediation: onEveryNode(CM_MANIFEST, 'Set --bind-address=127.0.0.1 (the default listens on every address)'),
  },
  {
    id: 'scheduler-profiling-disabled',
    component: 'kube-scheduler',
    control: '1.4.1',
    title: 'The scheduler does not serve profiling data',
    severity: 'low',
    rule: boolIs('profiling', false, true),
    remediation: onEveryNode(SCHEDULER_MANIFEST, 'Set --profiling=false (profiling is on by default)'),
  },
  {
    id: 'scheduler-bind-address',
    component: 'kube-scheduler',
    control: '1.4.2',
    title: 'The scheduler serves its port on the loopback address only',
    severity: 'medium',
    rule: loopbackBind('bind-address', '0.0.0.0'),
    remediation: onEveryNode(SCHEDULER_MANIFEST, 'Set --bind-address=127.0.0.1 (the default listens on every address)'),
  },
];
