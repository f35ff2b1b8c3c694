import { defaultDenyCheck } from './default-deny';

/** A namespace denies ingress by default: one policy isolates all its pods for ingress. */
export default defaultDenyCheck('Ingress', {
  id: 'k8s.netpol.default-deny-ingress',
  title: 'Namespaces deny ingress by default (a policy isolates every pod for ingress)',
  severity: 'medium',
  remediation:
    'Add a default-deny ingress policy to the namespace: `kind: NetworkPolicy`, `spec: {podSelector: {}, ' +
    'policyTypes: [Ingress]}` with no ingress rules, then allow the traffic each workload needs with narrower ' +
    'policies. A policy that selects every pod and has a rule without `from` (or from 0.0.0.0/0) allows everything: ' +
    'remove that rule.',
});
