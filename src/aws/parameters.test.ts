import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ParameterCache } from './parameters';

const ssmMock = mockClient(SSMClient);
const smMock = mockClient(SecretsManagerClient);

beforeEach(() => {
  ssmMock.reset();
  smMock.reset();
});

describe('Class: ParameterCache', () => {
  describe('Method: get', () => {
    it('reads a SecureString decrypted, once within the cache time', async () => {
      ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: 'xoxb-secret' } });
      let now = 0;
      const cache = new ParameterCache(new SSMClient({ region: 'eu-west-1' }), 1000, () => now);
      expect(await cache.get('/compliance-bot/slack/bot-token')).toBe('xoxb-secret');
      now = 999;
      await cache.get('/compliance-bot/slack/bot-token');
      expect(ssmMock).toHaveReceivedCommandTimes(GetParameterCommand, 1);
      expect(ssmMock).toHaveReceivedCommandWith(GetParameterCommand, {
        Name: '/compliance-bot/slack/bot-token',
        WithDecryption: true,
      });
      now = 1000;
      await cache.get('/compliance-bot/slack/bot-token');
      expect(ssmMock).toHaveReceivedCommandTimes(GetParameterCommand, 2);
    });

    it('names a missing parameter without caching the failure', async () => {
      ssmMock
        .on(GetParameterCommand)
        .rejectsOnce(new ParameterNotFound({ message: 'nope', $metadata: {} }))
        .resolves({ Parameter: { Value: 'v' } });
      const cache = new ParameterCache(new SSMClient({ region: 'eu-west-1' }));
      await expect(cache.get('/x')).rejects.toThrow('cannot read SSM parameter /x: ParameterNotFound');
      expect(await cache.get('/x')).toBe('v');
    });

    it('refuses an empty value', async () => {
      ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: '' } });
      await expect(new ParameterCache(new SSMClient({ region: 'eu-west-1' })).get('/x')).rejects.toThrow(
        /empty or missing/,
      );
    });
  });

  describe('Method: readSecret', () => {
    it('reads a kubeconfig from Secrets Manager when the source is a secret', async () => {
      smMock.on(GetSecretValueCommand).resolves({ SecretString: 'apiVersion: v1' });
      const cache = new ParameterCache(
        new SSMClient({ region: 'eu-west-1' }),
        60_000,
        Date.now,
        new SecretsManagerClient({ region: 'eu-west-1' }),
      );
      expect(await cache.readSecret({ secret: 'compliance-bot/kubeconfig/lab' })).toBe('apiVersion: v1');
      expect(smMock).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'compliance-bot/kubeconfig/lab' });
      expect(ssmMock).toHaveReceivedCommandTimes(GetParameterCommand, 0);
    });

    it('refuses a source naming both a parameter and a secret', async () => {
      const cache = new ParameterCache(new SSMClient({ region: 'eu-west-1' }));
      await expect(cache.readSecret({ parameter: '/a', secret: 'b' })).rejects.toThrow(/exactly one/);
    });
  });
});
