/** Builders of EKS facts for the `.cases.ts` files of the k8s.eks.* checks. */
import type { EksAccessEntry, EksCluster } from '../../../src/core/facts/eks';
import type { FactSet } from '../../../src/core/model';

export const CLUSTER = 'prod';

/** A well configured cluster; `over` changes what a case is about. */
export function eks(over: Partial<EksCluster> = {}, entries?: EksAccessEntry[]): FactSet {
  return {
    'eks.cluster': {
      ok: true,
      value: {
        name: CLUSTER,
        region: 'eu-west-1',
        version: '1.34',
        status: 'ACTIVE',
        endpointPublicAccess: false,
        endpointPrivateAccess: true,
        publicAccessCidrs: [],
        allowedPublicCidrs: [],
        logging: { enabled: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], disabled: [] },
        encryption: [{ resources: ['secrets'], keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1' }],
        authenticationMode: 'API',
        ...over,
      },
    },
    ...(entries ? { 'eks.accessEntries': { ok: true, value: entries } } : {}),
  };
}

export const NOT_EKS: FactSet = {
  'eks.cluster': {
    ok: true,
    value: { notEks: 'kind is reached through a kubeconfig, not configured as an EKS cluster' },
  },
};

export const DENIED: FactSet = {
  'eks.cluster': { ok: false, reason: 'eks:DescribeCluster denied (AccessDeniedException)' },
};
