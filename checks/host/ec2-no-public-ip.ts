import { defineCheck } from '../../src/core/check';
import { eksRef, instanceResource, isInstance, notAnInstance } from './ec2-common';

export default defineCheck({
  id: 'host.ec2.no-public-ip',
  title: 'The node has no public IP address',
  severity: 'medium',
  category: 'ec2',
  targetKind: 'host',
  benchmarks: [eksRef('5.4.3')],
  remediation:
    'Run nodes in private subnets (MapPublicIpOnLaunch false, AssociatePublicIpAddress false in the launch template) ' +
    'and release Elastic IPs associated with them; they reach the internet through a NAT gateway or VPC endpoints.',
  requires: ['ec2.instance'],
  evaluate: ({ facts, target }) => {
    const fact = facts['ec2.instance'];
    if (!isInstance(fact)) return notAnInstance(fact, target.name);
    const i = fact;
    const resource = instanceResource(i.instanceId);
    if (i.publicIps.length === 0) {
      return [
        { status: 'pass', resource, message: `${i.instanceId} has no public IP address.`, evidence: { publicIps: [] } },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: `${i.instanceId} has a public IP address (${i.publicIps.join(', ')}): it is one security group rule away from the internet.`,
        evidence: { publicIps: i.publicIps, reference: 'AWS Foundational Security Best Practices EC2.9' },
      },
    ];
  },
});
