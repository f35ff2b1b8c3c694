import { isIP } from 'node:net';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { storeRetry } from '../aws/retry';
import { lazyClient, s3Sdk } from '../aws/sdk';

/**
 * Options for an S3 client that honours the SDK's standard endpoint variables (`AWS_ENDPOINT_URL_S3`, then
 * `AWS_ENDPOINT_URL`) and addresses buckets by path when that endpoint is an IP address or localhost (MinIO,
 * s3rver, LocalStack: a bucket name cannot be a subdomain of 127.0.0.1).
 */
export function s3ClientConfigFromEnv(env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  const config: S3ClientConfig = {};
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new Error(
        `AWS_ENDPOINT_URL_S3 is not a URL: "${endpoint}" (expected something like http://127.0.0.1:9000)`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`AWS_ENDPOINT_URL_S3 must be an http:// or https:// URL (got "${endpoint}")`);
    }
    config.endpoint = endpoint;
    if (isLocalOrIp(url.hostname)) config.forcePathStyle = true;
    // S3-compatible stores rarely care about the region, but the SDK needs one.
    if (!env.AWS_REGION && !env.AWS_DEFAULT_REGION) config.region = 'us-east-1';
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (region) config.region = region;
  // The SDK's default chain reads these from process.env itself (and refreshes what it must); an environment passed
  // in (a test, a CLI's injected environment) describes the whole connection, so its keys are used as given.
  if (env !== process.env && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    config.credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  }
  return config;
}

export function isLocalOrIp(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || isIP(h) !== 0;
}

/** An S3 client from the environment (see s3ClientConfigFromEnv); `overrides` win. */
export function s3ClientFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: S3ClientConfig = {}): S3Client {
  return lazyClient<S3Client>(
    () => new (s3Sdk().S3Client)({ ...storeRetry(), ...s3ClientConfigFromEnv(env), ...overrides }),
  );
}
