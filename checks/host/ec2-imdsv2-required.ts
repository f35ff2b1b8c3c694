import { defineCheck } from '../../src/core/check';
import { instanceResource, isInstance, notAnInstance } from './ec2-common';

export default defineCheck({
  id: 'host.ec2.imdsv2-required',
  title: 'The instance metadata service answers only IMDSv2 (session tokens required)',
  severity: 'high',
  category: 'ec2',
  targetKind: 'host',
  benchmarks: [],
  remediation:
    'Require IMDSv2: "aws ec2 modify-instance-metadata-options --instance-id ID --http-tokens required", and set ' +
    "HttpTokens: required in the node group's launch template so replacement nodes keep it. IMDSv1 answers a plain " +
    "GET, which a server-side request forgery in any Pod can turn into the node role's credentials.",
  requires: ['ec2.instance'],
  evaluate: ({ facts, target }) => {
    const fact = facts['ec2.instance'];
    if (!isInstance(fact)) return notAnInstance(fact, target.name);
    const i = fact;
    const resource = instanceResource(i.instanceId);
    const fsbp = 'AWS Foundational Security Best Practices EC2.8';
    const m = i.metadataOptions;
    if (!m) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess IMDS on ${i.instanceId}: DescribeInstances gave no metadata options.`,
        },
      ];
    }
    if (m.httpEndpoint === 'disabled') {
      return [
        {
          status: 'pass',
          resource,
          message: `The instance metadata service of ${i.instanceId} is disabled.`,
          evidence: { httpEndpoint: 'disabled', reference: fsbp },
        },
      ];
    }
    if (m.httpTokens === 'required') {
      return [
        {
          status: 'pass',
          resource,
          message: `${i.instanceId} requires IMDSv2 session tokens.`,
          evidence: { httpTokens: 'required', reference: fsbp },
        },
      ];
    }
    if (m.httpTokens === undefined) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess IMDS on ${i.instanceId}: DescribeInstances did not say whether tokens are required.`,
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: `${i.instanceId} answers IMDSv1 (HttpTokens ${m.httpTokens}): a request forged from a Pod can read the node role's credentials.`,
        evidence: { httpTokens: m.httpTokens, reference: fsbp },
      },
    ];
  },
});
