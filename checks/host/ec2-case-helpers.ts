/** Builders of EC2 facts for the `.cases.ts` files of the host.ec2.* checks. */
import type { Ec2Instance, Ec2SecurityGroup } from '../../src/core/facts/ec2';
import type { Fact } from '../../src/core/model';

export const INSTANCE_ID = 'i-0123456789abcdef0';

export function instance(over: Partial<Ec2Instance> = {}): Fact<Ec2Instance> {
  return {
    ok: true,
    value: {
      instanceId: INSTANCE_ID,
      state: 'running',
      availabilityZone: 'eu-west-1a',
      privateDnsName: 'ip-10-0-1-5.eu-west-1.compute.internal',
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
      publicIps: [],
      securityGroupIds: ['sg-0aaa'],
      volumeIds: ['vol-0aaa'],
      ...over,
    },
  };
}

export function groups(...list: Ec2SecurityGroup[]): Fact<Ec2SecurityGroup[]> {
  return { ok: true, value: list };
}
