import { defaultDenyCheck } from './default-deny';

/** A namespace denies egress by default: one policy isolates all its pods for egress. */
export default defaultDenyCheck('Egress', {
  id: 'k8s.netpol.default-deny-egress',
  title: 'Namespaces deny egress by default (a policy isolates every pod for egress)',
  severity: 'low',
  remediation:
    'Add a default-deny egress policy to the namespace: `spec: {podSelector: {}, policyTypes: [Egress]}`, plus a ' +
    'rule that allows DNS (UDP and TCP 53 to the cluster DNS pods), then allow the destinations each workload ' +
    'needs. Egress isolation limits what a compromised pod can reach and exfiltrate to.',
});
