import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, q } from './support';

export default defineCheck({
  id: 'k8s.rbac.csr-approve',
  title: 'Only the control plane can approve certificate signing requests',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.11' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
  ],
  remediation:
    'Remove update on certificatesigningrequests/approval (certificates.k8s.io) from the roles named in the evidence: approving a CSR can issue a client certificate for any user or group the signer allows, system:masters included on some signers.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    [
      q('update', 'certificates.k8s.io', 'certificatesigningrequests/approval'),
      q('patch', 'certificates.k8s.io', 'certificatesigningrequests/approval'),
    ],
    'can approve certificate signing requests',
    'cannot approve certificate signing requests',
  ),
});
