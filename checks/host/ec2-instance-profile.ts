import { defineCheck } from '../../src/core/check';
import type { Ec2AttachedPolicy } from '../../src/core/facts/ec2';
import { eksRef, instanceResource, isInstance, notAnInstance, usedFact } from './ec2-common';

/**
 * The AWS-managed policies a node needs: join the cluster (worker node), run the VPC CNI, pull images from ECR, be
 * a managed instance for SSM. Anything else AWS manages is broader than a node needs (docs/host.md).
 */
export const NODE_POLICIES: readonly string[] = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKSWorkerNodeMinimalPolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonEC2ContainerRegistryPullOnly',
  'AmazonSSMManagedInstanceCore',
];

/** AWS-managed policies that grant administration or every action of a service. */
export function isBroadPolicy(name: string): boolean {
  return name === 'AdministratorAccess' || name === 'PowerUserAccess' || /FullAccess/.test(name);
}

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

export function isAwsManaged(p: Ec2AttachedPolicy): boolean {
  return AWS_MANAGED.test(p.policyArn);
}

export default defineCheck({
  id: 'host.ec2.instance-profile-least-privilege',
  title: "The node's instance profile attaches no AWS-managed policy beyond what a node needs",
  severity: 'high',
  category: 'ec2',
  targetKind: 'host',
  benchmarks: [eksRef('5.2.1'), eksRef('5.1.3')],
  remediation:
    'Detach every AWS-managed policy from the node role but AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy (better: ' +
    'on the aws-node service account through IRSA), AmazonEC2ContainerRegistryReadOnly (or PullOnly) and ' +
    'AmazonSSMManagedInstanceCore. Every Pod that reaches the metadata service holds these permissions: give ' +
    'applications their own roles through IAM roles for service accounts or EKS Pod Identity.',
  requires: ['ec2.instance'],
  uses: ['ec2.instanceProfile'],
  evaluate: ({ facts, optional, target }) => {
    const fact = facts['ec2.instance'];
    if (!isInstance(fact)) return notAnInstance(fact, target.name);
    const got = usedFact(optional, 'ec2.instanceProfile', instanceResource(fact.instanceId));
    if ('unknown' in got) return got.unknown;
    const profile = got.value;
    if (!profile) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Instance', name: target.name },
          message: `${target.name} has no instance profile: it holds no role credentials.`,
        },
      ];
    }
    const resource = { kind: 'InstanceProfile', name: profile.name };
    const attached = profile.roles.flatMap((r) => r.attached.map((p) => ({ role: r.roleName, ...p })));
    const awsManaged = attached.filter(isAwsManaged);
    const beyond = awsManaged.filter((p) => !NODE_POLICIES.includes(p.policyName));
    // Customer-managed and inline policies are named, not read: the check judges the AWS-managed ones only, and
    // says which it did not judge.
    const notJudged = [
      ...attached.filter((p) => !isAwsManaged(p)).map((p) => p.policyArn),
      ...profile.roles.flatMap((r) => r.inline.map((n) => `${r.roleName} (inline): ${n}`)),
    ];
    const evidence = {
      roles: profile.roles.map((r) => r.roleName),
      awsManaged: awsManaged.map((p) => p.policyName),
      notJudged,
    };
    if (beyond.length === 0) {
      return [
        {
          status: 'pass',
          resource,
          message:
            `The AWS-managed policies of instance profile ${profile.name} are within what a node needs` +
            (notJudged.length > 0
              ? `; ${notJudged.length} customer-managed or inline polic${notJudged.length === 1 ? 'y is' : 'ies are'} not judged (their documents are not read).`
              : '.'),
          evidence,
        },
      ];
    }
    const broad = beyond.filter((p) => isBroadPolicy(p.policyName));
    return [
      {
        status: 'fail',
        resource,
        ...(broad.length > 0 ? { severity: 'critical' as const } : {}),
        message: `Instance profile ${profile.name} attaches ${beyond.map((p) => `${p.policyName} (role ${p.role})`).join(', ')}: beyond what a node needs, and every Pod that reaches the metadata service holds it.`,
        evidence: {
          ...evidence,
          beyondNodeNeeds: beyond.map((p) => p.policyName),
          broad: broad.map((p) => p.policyName),
          reference: 'AWS Foundational Security Best Practices IAM.1',
        },
      },
    ];
  },
});
