import { defineCheck } from '../../../src/core/check';
import { clusterResource, eksCluster, eksRef } from './common';

export default defineCheck({
  id: 'k8s.eks.endpoint-private',
  title: 'The EKS cluster has its private endpoint enabled and public access disabled',
  severity: 'medium',
  category: 'controlplane',
  targetKind: 'cluster',
  benchmarks: [eksRef('5.4.2')],
  remediation:
    'Reach the API server from inside the VPC only: "aws eks update-cluster-config --name NAME ' +
    '--resources-vpc-config endpointPrivateAccess=true,endpointPublicAccess=false" (run the scanner inside the VPC).',
  requires: ['eks.cluster'],
  evaluate: ({ facts, target }) => {
    const got = eksCluster(facts['eks.cluster'], target.name);
    if ('findings' in got) return got.findings;
    const c = got.cluster;
    const resource = clusterResource(c);
    if (c.endpointPublicAccess === null || c.endpointPrivateAccess === null) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess: DescribeCluster of ${c.name} gave no endpoint access settings.`,
        },
      ];
    }
    const evidence = { endpointPrivateAccess: c.endpointPrivateAccess, endpointPublicAccess: c.endpointPublicAccess };
    if (c.endpointPrivateAccess && !c.endpointPublicAccess) {
      return [{ status: 'pass', resource, message: `${c.name} has a private endpoint and no public one.`, evidence }];
    }
    const wrong = [
      ...(c.endpointPrivateAccess ? [] : ['the private endpoint is disabled']),
      ...(c.endpointPublicAccess ? ['public access is enabled'] : []),
    ];
    return [{ status: 'fail', resource, message: `${c.name}: ${wrong.join(' and ')}.`, evidence }];
  },
});
