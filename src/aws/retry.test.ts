import { Readable } from 'node:stream';
import { ListCommandsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { HttpResponse } from '@smithy/protocol-http';
import { createAwsClients } from './clients';
import { scanRetry, throttlingLeftToCaller } from './retry';

/** An SSM endpoint that answers every request with one status and error type, counting the requests. */
function endpoint(statusCode: number, type: string) {
  let requests = 0;
  const requestHandler = {
    handle: async () => {
      requests++;
      return {
        response: new HttpResponse({
          statusCode,
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r' },
          body: Readable.from([Buffer.from(JSON.stringify({ __type: type, message: 'no' }))]),
        }),
      };
    },
  };
  return { requestHandler, requests: () => requests };
}

const base = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };

describe('Function: scanRetry', () => {
  it('leaves throttling to the SSM runner: one request, the ThrottlingException surfaces at once', async () => {
    const e = endpoint(400, 'ThrottlingException');
    const ssm = new SSMClient({ ...base, ...scanRetry(), requestHandler: e.requestHandler });
    await expect(ssm.send(new ListCommandsCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(e.requests()).toBe(1);
  });

  it('still retries server errors, as the SDK does', async () => {
    const e = endpoint(500, 'InternalServerError');
    const ssm = new SSMClient({ ...base, ...scanRetry(), requestHandler: e.requestHandler });
    await expect(ssm.send(new ListCommandsCommand({}))).rejects.toMatchObject({ name: 'InternalServerError' });
    expect(e.requests()).toBe(scanRetry().maxAttempts);
  });

  it('is the retry strategy of the SSM client scans run on', async () => {
    const clients = createAwsClients({ AWS_REGION: 'eu-west-1' });
    expect(await clients.ssm.config.retryStrategy()).toBeInstanceOf(throttlingLeftToCaller());
  });
});
