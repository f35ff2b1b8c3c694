import { defineCheck } from '../../src/core/check';
import { parseBool } from '../k8s/controlplane/flag-semantics';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.iptables-util-chains',
  title: 'The kubelet manages its iptables utility chains',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.6' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.6' },
  ],
  remediation:
    'Remove makeIPTablesUtilChains: false from the kubelet configuration file (and --make-iptables-util-chains=false ' +
    'from its flags), or set it to true, then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'make-iptables-util-chains',
      path: ['makeIPTablesUtilChains'],
      configDefault: 'true',
      flagDefault: 'true',
      label: 'management of its iptables utility chains',
      secure: (v) => v !== undefined && parseBool(v) === true,
      expected: 'on',
      risk: "the node's iptables rules for Pod traffic are left to other tools, which may conflict with them",
    }),
});
