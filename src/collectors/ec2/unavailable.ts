/** EC2 facts that could not be collected, without loading any SDK module (the CLI's local scan uses it). */
import type { Ec2FactMap } from '../../core/facts/ec2';
import type { Fact } from '../../core/model';

export type Ec2Facts = { [K in keyof Ec2FactMap]: Fact<Ec2FactMap[K]> };

export const EC2_FACT_KEYS = [
  'ec2.instance',
  'ec2.securityGroups',
  'ec2.volumes',
  'ec2.instanceProfile',
  'ec2.ssmAgent',
] as const satisfies readonly (keyof Ec2FactMap)[];

/** The EC2 facts of a machine whose instance cannot be described, every one with the same reason. */
export function ec2Unavailable(reason: string): Ec2Facts {
  const f = { ok: false as const, reason };
  return Object.fromEntries(EC2_FACT_KEYS.map((k) => [k, f])) as Ec2Facts;
}
