import { defineCheck } from '../../src/core/check';
import { instanceResource, isInstance, notAnInstance } from './ec2-common';

export default defineCheck({
  id: 'host.ec2.imds-hop-limit',
  title: 'The instance metadata response hop limit is 1, so Pods cannot reach it',
  severity: 'high',
  category: 'ec2',
  targetKind: 'host',
  benchmarks: [],
  remediation:
    'Set the hop limit to 1: "aws ec2 modify-instance-metadata-options --instance-id ID --http-put-response-hop-limit 1", ' +
    "and HttpPutResponseHopLimit: 1 in the node group's launch template. A Pod in its own network namespace is one hop " +
    "further away than the node: with a limit of 2 or more it gets an IMDSv2 token and then the node role's " +
    'credentials. Give Pods AWS access through IAM roles for service accounts or EKS Pod Identity instead.',
  requires: ['ec2.instance'],
  evaluate: ({ facts, target }) => {
    const fact = facts['ec2.instance'];
    if (!isInstance(fact)) return notAnInstance(fact, target.name);
    const i = fact;
    const resource = instanceResource(i.instanceId);
    const m = i.metadataOptions;
    if (m?.httpEndpoint === 'disabled') {
      return [
        {
          status: 'pass',
          resource,
          message: `The instance metadata service of ${i.instanceId} is disabled.`,
          evidence: { httpEndpoint: 'disabled' },
        },
      ];
    }
    const limit = m?.httpPutResponseHopLimit;
    if (limit === undefined) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess the metadata hop limit of ${i.instanceId}: DescribeInstances did not give it.`,
        },
      ];
    }
    if (limit <= 1) {
      return [
        {
          status: 'pass',
          resource,
          message: `The metadata response hop limit of ${i.instanceId} is ${limit}: answers do not reach Pods.`,
          evidence: { httpPutResponseHopLimit: limit },
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: `The metadata response hop limit of ${i.instanceId} is ${limit}: Pods can reach the metadata service and the node role's credentials.`,
        evidence: { httpPutResponseHopLimit: limit, httpTokens: m?.httpTokens ?? null },
      },
    ];
  },
});
