import { StandardRetryStrategy } from '@smithy/core/retry';
import { STORE_MAX_ATTEMPTS } from '../aws/retry';
import { s3ClientConfigFromEnv, s3ClientFromEnv } from './s3-client';

describe('Function: s3ClientConfigFromEnv', () => {
  it('leaves everything to the SDK when no endpoint is set', () => {
    expect(s3ClientConfigFromEnv({})).toEqual({});
  });

  it.each([
    ['http://127.0.0.1:9000', true],
    ['http://localhost:4566', true],
    ['http://[::1]:9000', true],
    ['https://10.0.0.5', true],
    ['https://minio.internal.example.com', false],
  ])('uses path-style addressing for %s: %s', (endpoint, pathStyle) => {
    const config = s3ClientConfigFromEnv({ AWS_ENDPOINT_URL_S3: endpoint });
    expect(config.endpoint).toBe(endpoint);
    expect(config.forcePathStyle === true).toBe(pathStyle);
  });

  it('prefers AWS_ENDPOINT_URL_S3 over AWS_ENDPOINT_URL, and keeps the configured region', () => {
    const config = s3ClientConfigFromEnv({
      AWS_ENDPOINT_URL: 'http://other:1',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000',
      AWS_REGION: 'eu-west-1',
    });
    expect(config).toMatchObject({ endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1' });
  });

  it('takes static credentials from the given environment', () => {
    expect(s3ClientConfigFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }).credentials).toEqual({
      accessKeyId: 'a',
      secretAccessKey: 'b',
    });
  });

  it('rejects an endpoint that is not an http(s) URL with a message that says what is expected', () => {
    expect(() => s3ClientConfigFromEnv({ AWS_ENDPOINT_URL_S3: '127.0.0.1:9000' })).toThrow(/http/);
    expect(() => s3ClientConfigFromEnv({ AWS_ENDPOINT_URL_S3: 'not a url' })).toThrow(
      /AWS_ENDPOINT_URL_S3 is not a URL/,
    );
  });
});

describe('Function: s3ClientConfigFromEnv (process environment)', () => {
  it('leaves the credentials of the process environment to the SDK default chain', () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'a';
    process.env.AWS_SECRET_ACCESS_KEY = 'b';
    try {
      expect(s3ClientConfigFromEnv(process.env).credentials).toBeUndefined();
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});

describe('Function: s3ClientFromEnv, retries', () => {
  it("retries with the stores' strategy: the SDK's standard one, STORE_MAX_ATTEMPTS attempts", async () => {
    const client = s3ClientFromEnv({ AWS_REGION: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(STORE_MAX_ATTEMPTS);
    expect(await client.config.retryStrategy()).toBeInstanceOf(StandardRetryStrategy);
  });
});
