/** Shared pieces of the EC2 checks (host.ec2.*): the instance under a node, as the EC2, IAM and SSM APIs see it. */
import type { Ec2FactMap, Ec2Instance, Ec2NotAnInstance } from '../../src/core/facts/ec2';
import type { BenchmarkRef, Fact, FactSet, Finding, ResourceRef } from '../../src/core/model';

/** The CIS Amazon EKS Benchmark version the EC2 checks reference (the newest one kube-bench ships a configuration for). */
export const EKS_BENCHMARK_VERSION = '1.8.0';

export function eksRef(control: string): BenchmarkRef {
  return { framework: 'CIS Amazon EKS Benchmark', version: EKS_BENCHMARK_VERSION, control };
}

export function instanceResource(instanceId: string): ResourceRef {
  return { kind: 'Instance', name: instanceId };
}

/** The not-applicable finding of a host target that is no EC2 instance. */
export function notAnInstance(instance: Ec2NotAnInstance, targetName: string): Finding[] {
  return [
    {
      status: 'not-applicable',
      resource: { kind: 'Host', name: targetName },
      message: `${targetName} is not an EC2 instance: ${instance.notEc2}.`,
    },
  ];
}

export function isInstance(instance: Ec2FactMap['ec2.instance']): instance is Ec2Instance {
  return !('notEc2' in instance);
}

/**
 * A fact a check uses beside `ec2.instance`: its value, or the `unknown` finding that says why it is missing (the
 * engine only makes required facts unknown, and these are not required so that a host root is not-applicable).
 */
export function usedFact<K extends keyof Ec2FactMap>(
  optional: FactSet,
  key: K,
  resource: ResourceRef,
): { value: Ec2FactMap[K] } | { unknown: Finding[] } {
  const f = optional[key] as Fact<Ec2FactMap[K]> | undefined;
  if (f?.ok) return { value: f.value };
  return {
    unknown: [{ status: 'unknown', resource, message: `Could not assess: ${key}: ${f ? f.reason : 'not collected'}.` }],
  };
}
