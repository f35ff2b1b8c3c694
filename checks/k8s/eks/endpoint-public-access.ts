import { defineCheck } from '../../../src/core/check';
import { parseCidr, type Range } from '../../../src/core/netpol/cidr';
import { clusterResource, eksCluster, eksRef } from './common';

/** A block of prefix length 0: every address of its family. */
function everyone(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

/** Whether `cidr` lies inside one of the accepted blocks (a block EKS gives that does not parse is never accepted). */
function accepted(cidr: string, blocks: readonly Range[]): boolean {
  const r = parseCidr(cidr);
  return r !== null && blocks.some((b) => b.family === r.family && b.start <= r.start && r.end <= b.end);
}

export default defineCheck({
  id: 'k8s.eks.endpoint-public-access',
  title: 'The EKS API endpoint is not public, or only to the CIDR blocks the configuration accepts',
  severity: 'high',
  category: 'controlplane',
  targetKind: 'cluster',
  benchmarks: [eksRef('5.4.1')],
  remediation:
    'Turn public access off: "aws eks update-cluster-config --name NAME --resources-vpc-config ' +
    'endpointPublicAccess=false,endpointPrivateAccess=true". Or keep it public to known ranges only (publicAccessCidrs ' +
    'in the same command, never 0.0.0.0/0) and list those ranges under clusters[].eks.publicAccessCidrs.',
  requires: ['eks.cluster'],
  evaluate: ({ facts, target }) => {
    const got = eksCluster(facts['eks.cluster'], target.name);
    if ('findings' in got) return got.findings;
    const c = got.cluster;
    const resource = clusterResource(c);
    if (c.endpointPublicAccess === null) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess: DescribeCluster of ${c.name} gave no endpoint access settings.`,
        },
      ];
    }
    if (!c.endpointPublicAccess) {
      return [
        {
          status: 'pass',
          resource,
          message: `The API endpoint of ${c.name} is private only.`,
          evidence: { endpointPublicAccess: false },
        },
      ];
    }
    const evidence = {
      endpointPublicAccess: true,
      publicAccessCidrs: c.publicAccessCidrs,
      accepted: c.allowedPublicCidrs,
    };
    // EKS answers 0.0.0.0/0 when public access names no range.
    const open = c.publicAccessCidrs.length === 0 ? ['0.0.0.0/0'] : c.publicAccessCidrs.filter(everyone);
    if (open.length > 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `The API endpoint of ${c.name} is open to the whole internet (${open.join(', ')}).`,
          evidence,
        },
      ];
    }
    const blocks = c.allowedPublicCidrs.map(parseCidr).filter((b): b is Range => b !== null);
    const other = c.publicAccessCidrs.filter((r) => !accepted(r, blocks));
    if (other.length > 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `The API endpoint of ${c.name} is public to ${other.join(', ')}, which the configuration does not accept (clusters[].eks.publicAccessCidrs).`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `The API endpoint of ${c.name} is public only to accepted ranges (${c.publicAccessCidrs.join(', ')}).`,
        evidence,
      },
    ];
  },
});
