import { defineCheck } from '../../../src/core/check';
import { clusterResource, eksCluster } from './common';
import { EKS_STANDARD_SUPPORT_END, EKS_VERSIONS_WRITTEN_ON } from './versions';

export default defineCheck({
  id: 'k8s.eks.supported-version',
  title: 'The EKS cluster runs a Kubernetes version still in standard support',
  severity: 'medium',
  category: 'controlplane',
  targetKind: 'cluster',
  benchmarks: [],
  remediation:
    'Upgrade the control plane one minor version at a time ("aws eks update-cluster-version --name NAME ' +
    '--kubernetes-version X.Y"), then the node groups and add-ons. Past standard support EKS charges for extended ' +
    'support and, at its end, upgrades the cluster itself.',
  requires: ['eks.cluster'],
  evaluate: ({ facts, target, now }) => {
    const got = eksCluster(facts['eks.cluster'], target.name);
    if ('findings' in got) return got.findings;
    const c = got.cluster;
    const resource = clusterResource(c);
    if (!c.version) {
      return [
        { status: 'unknown', resource, message: `Could not assess: DescribeCluster of ${c.name} gave no version.` },
      ];
    }
    const end = EKS_STANDARD_SUPPORT_END[c.version];
    if (!end) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess: the version table (written on ${EKS_VERSIONS_WRITTEN_ON}) does not know Kubernetes ${c.version}.`,
          evidence: { version: c.version, tableWrittenOn: EKS_VERSIONS_WRITTEN_ON },
        },
      ];
    }
    const evidence = { version: c.version, standardSupportEnds: end, tableWrittenOn: EKS_VERSIONS_WRITTEN_ON };
    // Standard support covers the whole end day (UTC).
    if (now.getTime() >= Date.parse(`${end}T00:00:00Z`) + 86_400_000) {
      return [
        {
          status: 'fail',
          resource,
          message: `${c.name} runs Kubernetes ${c.version}, past the end of standard support (${end}).`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `${c.name} runs Kubernetes ${c.version}, in standard support until ${end}.`,
        evidence,
      },
    ];
  },
});
