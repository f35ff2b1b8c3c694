/** Control-plane facts for the flag checks' cases. */
import type { KControlPlane } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';

/** A self-managed control plane with one kube-apiserver mirror Pod on cp-1 running these flags. */
export function apiserver(flags: Record<string, string>, node = 'cp-1'): KControlPlane {
  return { managed: null, components: { 'kube-apiserver': [{ source: 'mirror-pod', node, flags }] } };
}

export const EKS: KControlPlane = {
  managed: 'eks',
  managedEvidence: 'server version v1.30.4-eks-a737599',
  components: {},
};
export const INVISIBLE: KControlPlane = { managed: null, components: {} };

export function cpFacts(cp: KControlPlane, extra: FactSet = {}): FactSet {
  return { 'k8s.controlPlane': { ok: true, value: cp }, ...extra };
}

/** A hardened kubeadm kube-apiserver. */
export const HARDENED: Record<string, string> = {
  'anonymous-auth': 'false',
  'authorization-mode': 'Node,RBAC',
  'client-ca-file': '/etc/kubernetes/pki/ca.crt',
  'enable-admission-plugins': 'NodeRestriction',
};
