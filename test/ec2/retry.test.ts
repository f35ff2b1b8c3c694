/**
 * One retry layer: the EC2 client of a scan retries throttling itself (the SDK's standard strategy, src/aws/clients.ts)
 * and the EC2 collector does not retry on top. A DescribeInstances throttled on every attempt is sent exactly
 * maxAttempts times, then its facts are unknown with the reason.
 */
import { Readable } from 'node:stream';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { HttpResponse } from '@smithy/protocol-http';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients, RETRY } from '../../src/aws/clients';
import { throttlingLeftToCaller } from '../../src/aws/retry';
import { collectEc2Facts } from '../../src/collectors/ec2/collect';

const base = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };

/** An EC2 endpoint (query protocol) that throttles every request, counting them. */
function throttlingEc2() {
  let requests = 0;
  const requestHandler = {
    handle: async () => {
      requests++;
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code>' +
        '<Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>';
      return {
        response: new HttpResponse({
          statusCode: 503,
          headers: { 'content-type': 'text/xml' },
          body: Readable.from([Buffer.from(xml)]),
        }),
      };
    },
  };
  return { requestHandler, requests: () => requests };
}

describe('EC2 retries', () => {
  it("are the SDK's standard strategy, throttling included, on the scan's EC2 and IAM clients", async () => {
    const clients = createAwsClients({ AWS_REGION: 'eu-west-1' });
    for (const client of [clients.ec2.ec2, clients.ec2.iam, clients.ec2.ssm]) {
      const strategy = await client.config.retryStrategy();
      expect(strategy).toBeInstanceOf(StandardRetryStrategy);
      expect(strategy).not.toBeInstanceOf(throttlingLeftToCaller());
      expect(await client.config.maxAttempts()).toBe(RETRY.maxAttempts);
    }
  });

  it('a call throttled on every attempt is sent maxAttempts times in all, then its facts are unknown', async () => {
    const e = throttlingEc2();
    const ec2 = new EC2Client({ ...base, ...RETRY, requestHandler: e.requestHandler });
    const ssm = new SSMClient(base);
    mockClient(ssm).on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    const facts = await collectEc2Facts({ ec2, iam: new IAMClient(base), ssm }, ['i-0aaaaaaaaaaaaaaa1']);
    expect(e.requests()).toBe(RETRY.maxAttempts);
    expect(facts.get('i-0aaaaaaaaaaaaaaa1')?.['ec2.instance']).toEqual({
      ok: false,
      reason: "ec2:DescribeInstances throttled (RequestLimitExceeded) beyond the SDK's retries",
    });
  }, 30_000);
});
