import { defineCheck } from '../../../src/core/check';
import { clusterResource, eksCluster, eksRef } from './common';

export default defineCheck({
  id: 'k8s.eks.secrets-encryption',
  title: 'EKS encrypts Kubernetes Secrets with a KMS key (envelope encryption)',
  severity: 'high',
  category: 'controlplane',
  targetKind: 'cluster',
  benchmarks: [eksRef('5.3.1')],
  remediation:
    'Associate a customer managed KMS key with the Secrets (console: Secrets encryption; CLI: aws eks ' +
    "associate-encryption-config with resources secrets and the key's ARN as provider keyArn). It cannot be " +
    'removed afterwards; keep the key enabled, or the cluster cannot read its Secrets.',
  requires: ['eks.cluster'],
  evaluate: ({ facts, target }) => {
    const got = eksCluster(facts['eks.cluster'], target.name);
    if ('findings' in got) return got.findings;
    const c = got.cluster;
    const resource = clusterResource(c);
    const secrets = c.encryption.find((e) => e.resources.includes('secrets') && e.keyArn);
    if (secrets) {
      return [
        {
          status: 'pass',
          resource,
          message: `${c.name} encrypts Secrets with KMS key ${secrets.keyArn}.`,
          evidence: { resources: secrets.resources, keyArn: secrets.keyArn },
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message: `${c.name} has no KMS encryption configuration for Secrets.`,
        evidence: { encryptionConfig: c.encryption },
      },
    ];
  },
});
