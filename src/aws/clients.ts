/**
 * The AWS side of a scan in Lambda: SDK clients created once per container, each on its first use (src/aws/sdk.ts),
 * and the collector dependencies built from them (SSM, S3, secrets, EKS). Built by the application runtime
 * (src/app/runtime.ts); nothing here runs at import time.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Ec2Deps } from '../collectors/ec2/collect';
import type { AwsCredentials, EksDeps } from '../collectors/k8s/eks-token';
import type { ClusterCollectorDeps } from '../collectors/k8s/index';
import { s3ClientConfigFromEnv } from '../store/s3-client';
import { awsEksDeps } from './eks';
import { ParameterCache } from './parameters';
import { ec2Sdk, eksSdk, iamSdk, lazyClient, s3Sdk, secretsManagerSdk, ssmSdk } from './sdk';

export interface AwsClients {
  /** The SSM runner's client: it retries throttled calls itself (./retry.ts). */
  ssm: SSMClient;
  s3: S3Client;
  secrets: SecretsManagerClient;
  parameters: ParameterCache;
  eks: EksDeps;
  /** The EKS client of a region, for the EKS facts of a cluster (the SDK's standard retries, throttling included). */
  eksApi: (region: string) => EKSClient;
  /**
   * The EC2 checks' reads (DescribeInstances…, IAM instance profiles, the SSM agent): the SDK's standard retries,
   * throttling included; the EC2 collector never retries on top of them.
   */
  ec2: Ec2Deps;
}

/** SDK retries: the standard mode with a few attempts; every call also runs under the scan's time budget. */
export const RETRY = { maxAttempts: 4, retryMode: 'standard' } as const;

export function createAwsClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  // The retry strategy is loaded with the client: a function that never runs an SSM host scan never loads it.
  const ssm = lazyClient<SSMClient>(
    () => new (ssmSdk().SSMClient)({ ...(require('./retry') as typeof import('./retry')).scanRetry() }),
  );
  // The stores' one retry layer (src/aws/retry.ts): the SDK retries, the stores do not retry on top of it.
  const s3 = lazyClient<S3Client>(
    () =>
      new (s3Sdk().S3Client)({
        ...(require('./retry') as typeof import('./retry')).storeRetry(),
        ...s3ClientConfigFromEnv(env),
      }),
  );
  const secrets = lazyClient<SecretsManagerClient>(() => new (secretsManagerSdk().SecretsManagerClient)({ ...RETRY }));
  const parametersSsm = lazyClient<SSMClient>(() => new (ssmSdk().SSMClient)({ ...RETRY }));
  const parameters = new ParameterCache(parametersSsm, 5 * 60_000, Date.now, secrets);
  const eksClients = new Map<string, EKSClient>();
  const eksFor = (region: string) => {
    let c = eksClients.get(region);
    if (!c) {
      c = new (eksSdk().EKSClient)({ ...RETRY, region });
      eksClients.set(region, c);
    }
    return c;
  };
  const eks = awsEksDeps({
    eksClient: eksFor,
    // The EKS client's own provider chain (the function's role in Lambda): no extra credentials package.
    async credentials(region): Promise<AwsCredentials> {
      const c = await eksFor(region).config.credentials();
      return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
    },
  });
  const ec2: Ec2Deps = {
    ec2: lazyClient<EC2Client>(() => new (ec2Sdk().EC2Client)({ ...RETRY })),
    // IAM is a global service: its endpoint answers every region.
    iam: lazyClient<IAMClient>(() => new (iamSdk().IAMClient)({ ...RETRY })),
    ssm: parametersSsm,
  };
  return { ssm, s3, secrets, parameters, eks, eksApi: eksFor, ec2 };
}

/** What collectorsFor() needs in Lambda: relative paths make no sense there, so no baseDir. */
export function collectorDepsFrom(clients: AwsClients): ClusterCollectorDeps {
  return {
    ssm: clients.ssm,
    s3: clients.s3,
    readSecret: clients.parameters.readSecret,
    eks: clients.eks,
    eksApi: clients.eksApi,
    ec2: clients.ec2,
  };
}
