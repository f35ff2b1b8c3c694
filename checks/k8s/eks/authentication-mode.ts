import { defineCheck } from '../../../src/core/check';
import { clusterResource, eksCluster, eksRef } from './common';

const ACCESS_ENTRY_MODES = new Set(['API', 'API_AND_CONFIG_MAP']);

export default defineCheck({
  id: 'k8s.eks.authentication-mode',
  title: 'The EKS cluster manages access with the Cluster Access Manager API (access entries)',
  severity: 'medium',
  category: 'controlplane',
  targetKind: 'cluster',
  benchmarks: [eksRef('4.1.7')],
  remediation:
    'Switch to access entries: "aws eks update-cluster-config --name NAME --access-config ' +
    'authenticationMode=API_AND_CONFIG_MAP", move the aws-auth ConfigMap mappings to access entries, then to API.',
  requires: ['eks.cluster'],
  evaluate: ({ facts, target }) => {
    const got = eksCluster(facts['eks.cluster'], target.name);
    if ('findings' in got) return got.findings;
    const c = got.cluster;
    const resource = clusterResource(c);
    const mode = c.authenticationMode;
    if (mode === undefined) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess: DescribeCluster of ${c.name} gave no authentication mode.`,
        },
      ];
    }
    if (ACCESS_ENTRY_MODES.has(mode)) {
      return [
        {
          status: 'pass',
          resource,
          message: `${c.name} authenticates with access entries (${mode}).`,
          evidence: { authenticationMode: mode },
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: `${c.name} authenticates through the aws-auth ConfigMap only (${mode}): access is not managed through the EKS API.`,
        evidence: { authenticationMode: mode },
      },
    ];
  },
});
