/**
 * EksDeps from AWS SDK clients: DescribeCluster through an EKSClient the entry point creates (per region), and
 * credentials from a provider (the Lambda role, a profile). The caller owns the clients.
 */
import type { EKSClient } from '@aws-sdk/client-eks';
import type { AwsCredentials, EksDeps } from '../collectors/k8s/eks-token';
import { eksSdk } from './sdk';

export interface AwsEksOptions {
  /** The EKS client for a region (create once per region in the entry point). */
  eksClient: (region: string) => EKSClient;
  /** Resolves the current credentials, for example `fromNodeProviderChain()` of @aws-sdk/credential-providers. */
  credentials: (region: string) => Promise<AwsCredentials>;
}

export function awsEksDeps(opts: AwsEksOptions): EksDeps {
  return {
    credentials: opts.credentials,
    async describeCluster(name, region) {
      const out = await opts.eksClient(region).send(new (eksSdk().DescribeClusterCommand)({ name }));
      const endpoint = out.cluster?.endpoint;
      const caData = out.cluster?.certificateAuthority?.data;
      if (!endpoint || !caData) {
        throw new Error(
          `EKS cluster ${name} in ${region} has no ${endpoint ? 'certificate authority' : 'endpoint'} yet (status ${out.cluster?.status ?? 'unknown'})`,
        );
      }
      return { endpoint, caData };
    },
  };
}
