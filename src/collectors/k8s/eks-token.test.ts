/**
 * The EKS token against an independent SigV4 computation (node:crypto, written from the AWS specification), with
 * fixed credentials and clock.
 */
import { createHash, createHmac } from 'node:crypto';
import {
  eksEndpoint,
  eksToken,
  eksTokenSource,
  PRESIGN_EXPIRES_SECONDS,
  TOKEN_PREFIX,
  TOKEN_RENEW_AFTER_MS,
} from './eks-token';

const CREDS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE/session+token=',
};
const NOW = new Date('2026-06-01T12:34:56Z');

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 query-string signing, step by step from the AWS documentation. */
function expectedSignature(params: Record<string, string>, host: string, cluster: string, region: string): string {
  const canonicalQuery = Object.keys(params)
    .filter((k) => k !== 'X-Amz-Signature')
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k])}`)
    .join('&');
  const canonicalHeaders = `host:${host}\nx-k8s-aws-id:${cluster}\n`;
  const canonicalRequest = [
    'GET',
    '/',
    canonicalQuery,
    canonicalHeaders,
    'host;x-k8s-aws-id',
    sha256Hex(''), // no body
  ].join('\n');
  const day = params['X-Amz-Date'].slice(0, 8);
  const scope = `${day}/${region}/sts/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', params['X-Amz-Date'], scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${CREDS.secretAccessKey}`, day);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, 'sts');
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

function decode(token: string): URL {
  expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
  const b64 = token.slice(TOKEN_PREFIX.length);
  expect(b64).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
  return new URL(Buffer.from(b64, 'base64url').toString('utf8'));
}

describe('Function: eksToken', () => {
  it('presigns STS GetCallerIdentity for the regional host with x-k8s-aws-id signed and a 60 s expiry', async () => {
    const url = decode(await eksToken('prod-cluster', 'eu-west-1', CREDS, NOW));
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    const params = Object.fromEntries(url.searchParams.entries());
    expect(params).toEqual({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20260601/eu-west-1/sts/aws4_request',
      'X-Amz-Date': '20260601T123456Z',
      'X-Amz-Expires': String(PRESIGN_EXPIRES_SECONDS),
      'X-Amz-Security-Token': CREDS.sessionToken,
      'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(params['X-Amz-Signature']).toBe(
      expectedSignature(params, 'sts.eu-west-1.amazonaws.com', 'prod-cluster', 'eu-west-1'),
    );
  });

  it('signs a different signature for another cluster name (the header is part of the signature)', async () => {
    const a = decode(await eksToken('a', 'us-east-1', CREDS, NOW)).searchParams.get('X-Amz-Signature');
    const b = decode(await eksToken('b', 'us-east-1', CREDS, NOW)).searchParams.get('X-Amz-Signature');
    expect(a).not.toBe(b);
  });

  it('leaves out X-Amz-Security-Token for long-term credentials and still matches SigV4', async () => {
    const creds = { accessKeyId: CREDS.accessKeyId, secretAccessKey: CREDS.secretAccessKey };
    const url = decode(await eksToken('c', 'ap-southeast-2', creds, NOW));
    const params = Object.fromEntries(url.searchParams.entries());
    expect(params['X-Amz-Security-Token']).toBeUndefined();
    expect(params['X-Amz-Signature']).toBe(expectedSignature(params, url.host, 'c', 'ap-southeast-2'));
  });
});

describe('Function: eksTokenSource', () => {
  it('reuses the token until it is 13 minutes old, then makes a new one (never 14 minutes old)', async () => {
    let now = NOW.getTime();
    let calls = 0;
    const source = eksTokenSource('prod', 'eu-west-1', {
      credentials: async () => {
        calls++;
        return CREDS;
      },
      now: () => new Date(now),
    });
    const first = await source();
    now += TOKEN_RENEW_AFTER_MS - 1000;
    expect(await source()).toBe(first);
    now += 1000;
    const second = await source();
    expect(second).not.toBe(first);
    expect(calls).toBe(2);
    expect(TOKEN_RENEW_AFTER_MS).toBeLessThan(14 * 60_000);
  });
});

describe('Function: eksEndpoint', () => {
  it('takes the endpoint and CA from DescribeCluster and sends the token as a bearer token', async () => {
    const endpoint = await eksEndpoint('prod', 'eu-west-1', {
      describeCluster: async (name, region) => {
        expect([name, region]).toEqual(['prod', 'eu-west-1']);
        return {
          endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
          caData: Buffer.from('PEM').toString('base64'),
        };
      },
      credentials: async () => CREDS,
      now: () => NOW,
    });
    expect(endpoint.server).toBe('https://ABC.gr7.eu-west-1.eks.amazonaws.com');
    expect(endpoint.ca?.toString()).toBe('PEM');
    const headers = await endpoint.authHeaders();
    expect(headers.Authorization).toBe(`Bearer ${await eksToken('prod', 'eu-west-1', CREDS, NOW)}`);
  });
});
