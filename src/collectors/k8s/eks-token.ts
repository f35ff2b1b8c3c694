/**
 * The EKS IAM token, made in-process (what `aws eks get-token` prints): a presigned STS GetCallerIdentity URL,
 * signed with SigV4 including the `x-k8s-aws-id` header naming the cluster, 60 s query expiry, prefixed
 * `k8s-aws-v1.` and base64url-encoded without padding. EKS accepts a token for 15 minutes; we renew it when it is
 * older than 13 minutes, so none is ever used at 14 minutes or more. The cluster's endpoint and CA come from
 * eks:DescribeCluster. A Lambda needs no kubeconfig secret for EKS.
 */
import type { KubeEndpoint } from './live';

/**
 * The signer's modules, loaded by the first token: a scan with no EKS cluster never loads them, and no function pays
 * for them at start (docs/deploy.md, Cold start).
 */
const signing = () => ({
  Sha256: (require('@aws-crypto/sha256-js') as typeof import('@aws-crypto/sha256-js')).Sha256,
  HttpRequest: (require('@smithy/protocol-http') as typeof import('@smithy/protocol-http')).HttpRequest,
  SignatureV4: (require('@smithy/signature-v4') as typeof import('@smithy/signature-v4')).SignatureV4,
});

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface EksDeps {
  /** eks:DescribeCluster: the endpoint URL and the base64 CA data. */
  describeCluster(name: string, region: string): Promise<{ endpoint: string; caData: string }>;
  /** Current AWS credentials (the Lambda role, a profile…), resolved per token. */
  credentials(region: string): Promise<AwsCredentials>;
  /** Injected for tests. */
  now?: () => Date;
}

export const TOKEN_PREFIX = 'k8s-aws-v1.';
/** Presigned URL expiry, as aws-iam-authenticator sets it. */
export const PRESIGN_EXPIRES_SECONDS = 60;
/** A token older than this is replaced (EKS accepts 15 minutes; we never send one 14 minutes old). */
export const TOKEN_RENEW_AFTER_MS = 13 * 60_000;

/** The STS host of a region (the regional endpoint; aws-iam-authenticator accepts it). */
export function stsHost(region: string): string {
  return region.startsWith('cn-') ? `sts.${region}.amazonaws.com.cn` : `sts.${region}.amazonaws.com`;
}

/** The presigned GetCallerIdentity URL for this cluster. */
export async function presignedCallerIdentityUrl(
  clusterName: string,
  region: string,
  credentials: AwsCredentials,
  now: Date,
): Promise<string> {
  const host = stsHost(region);
  const { Sha256, HttpRequest, SignatureV4 } = signing();
  const signer = new SignatureV4({ credentials, region, service: 'sts', sha256: Sha256, applyChecksum: false });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname: host,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host, 'x-k8s-aws-id': clusterName },
  });
  const signed = await signer.presign(request, { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: now });
  const query = Object.entries(signed.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === null ? [] : [[k, v]]))
    .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`)
    .sort()
    .join('&');
  return `https://${host}/?${query}`;
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The bearer token for an EKS cluster. */
export async function eksToken(
  clusterName: string,
  region: string,
  credentials: AwsCredentials,
  now: Date,
): Promise<string> {
  const url = await presignedCallerIdentityUrl(clusterName, region, credentials, now);
  return TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}

/** A token source that renews the token when it is older than TOKEN_RENEW_AFTER_MS. */
export function eksTokenSource(
  clusterName: string,
  region: string,
  deps: Pick<EksDeps, 'credentials' | 'now'>,
): () => Promise<string> {
  let cached: { token: string; at: number } | undefined;
  return async () => {
    const now = deps.now?.() ?? new Date();
    if (cached && now.getTime() - cached.at < TOKEN_RENEW_AFTER_MS) return cached.token;
    const token = await eksToken(clusterName, region, await deps.credentials(region), now);
    cached = { token, at: now.getTime() };
    return token;
  };
}

/** The endpoint of an EKS cluster: DescribeCluster for its URL and CA, an IAM token per request. */
export async function eksEndpoint(clusterName: string, region: string, deps: EksDeps): Promise<KubeEndpoint> {
  const { endpoint, caData } = await deps.describeCluster(clusterName, region);
  const token = eksTokenSource(clusterName, region, deps);
  return {
    server: endpoint,
    ca: Buffer.from(caData, 'base64'),
    authHeaders: async () => ({ Authorization: `Bearer ${await token()}` }),
  };
}
