import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { instanceResource, isInstance, notAnInstance, usedFact } from './ec2-common';

export default defineCheck({
  id: 'host.ec2.ebs-encrypted',
  title: "The node's EBS volumes are encrypted",
  severity: 'medium',
  category: 'ec2',
  targetKind: 'host',
  benchmarks: [],
  remediation:
    'Turn on EBS encryption by default in the region ("aws ec2 enable-ebs-encryption-by-default") and set ' +
    "Encrypted: true on the launch template's block devices; replace the nodes (an existing volume cannot be " +
    'encrypted in place: snapshot, copy encrypted, restore).',
  requires: ['ec2.instance'],
  uses: ['ec2.volumes'],
  evaluate: ({ facts, optional, target }) => {
    const fact = facts['ec2.instance'];
    if (!isInstance(fact)) return notAnInstance(fact, target.name);
    const got = usedFact(optional, 'ec2.volumes', instanceResource(fact.instanceId));
    if ('unknown' in got) return got.unknown;
    const volumes = got.value;
    if (volumes.length === 0) {
      return [
        {
          status: 'not-applicable',
          resource: { kind: 'Instance', name: target.name },
          message: `${target.name} has no EBS volume (instance store only).`,
        },
      ];
    }
    return volumes.map(
      (v): Finding =>
        v.encrypted
          ? {
              status: 'pass',
              resource: { kind: 'Volume', name: v.volumeId },
              message: `EBS volume ${v.volumeId} of ${target.name} is encrypted.`,
              evidence: { encrypted: true },
            }
          : {
              status: 'fail',
              resource: { kind: 'Volume', name: v.volumeId },
              message: `EBS volume ${v.volumeId} of ${target.name} is not encrypted: its data and snapshots are readable by whoever gets them.`,
              evidence: { encrypted: false, reference: 'AWS Foundational Security Best Practices EC2.3' },
            },
    );
  },
});
