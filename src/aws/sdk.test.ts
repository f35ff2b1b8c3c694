/**
 * Cold start: the Lambda wiring loads an AWS SDK client module, and creates a client, only when a call needs it.
 * Each client module is replaced by a probe that records when it is loaded (its factory runs on the first require)
 * and which clients are constructed; their `send` answers from the test, so nothing reaches the network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Answer = (command: { constructor: { name: string }; input: Record<string, unknown> }) => unknown;

const mockProbe = {
  loaded: [] as string[],
  constructed: [] as string[],
  answers: {} as Record<string, Answer>,
  wrap(moduleName: string, clientName: string) {
    mockProbe.loaded.push(moduleName);
    const actual = jest.requireActual(moduleName);
    const Base = actual[clientName] as new (...args: unknown[]) => object;
    class Probed extends Base {
      constructor(...args: unknown[]) {
        super(...args);
        mockProbe.constructed.push(clientName);
      }
      async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
        const answer = mockProbe.answers[command.constructor.name];
        if (!answer) throw new Error(`no network in this test: ${command.constructor.name}`);
        return answer(command);
      }
    }
    Object.defineProperty(Probed, 'name', { value: clientName });
    return { ...actual, [clientName]: Probed };
  },
};

jest.mock('@aws-sdk/client-ssm', () => mockProbe.wrap('@aws-sdk/client-ssm', 'SSMClient'));
jest.mock('@aws-sdk/client-s3', () => mockProbe.wrap('@aws-sdk/client-s3', 'S3Client'));
jest.mock('@aws-sdk/client-lambda', () => mockProbe.wrap('@aws-sdk/client-lambda', 'LambdaClient'));
jest.mock('@aws-sdk/client-eks', () => mockProbe.wrap('@aws-sdk/client-eks', 'EKSClient'));
jest.mock('@aws-sdk/client-secrets-manager', () =>
  mockProbe.wrap('@aws-sdk/client-secrets-manager', 'SecretsManagerClient'),
);

// The other modules a function needs only for some work: the Kubernetes client (a live cluster), the SDK's retry
// strategies (an AWS client), the SigV4 signer (an EKS token). Each records when it is first loaded.
const mockLoads: string[] = [];
const recordLoad = (name: string) => {
  // Once per name: the Kubernetes client's own modules import each other in a circle.
  if (!mockLoads.includes(name)) mockLoads.push(name);
  return jest.requireActual(name);
};
jest.mock('@kubernetes/client-node/dist/config.js', () => recordLoad('@kubernetes/client-node/dist/config.js'));
jest.mock('@smithy/core/retry', () => recordLoad('@smithy/core/retry'));
jest.mock('@smithy/signature-v4', () => recordLoad('@smithy/signature-v4'));

import { handler as nightlyHandler } from '../../handlers/nightly-scan';
import { buildSlackHandler } from '../../handlers/slack';
import { buildRuntime } from '../app/runtime';
import { lazyClient } from './sdk';

const SLACK_ENV = {
  SCAN_WORKER_FUNCTION: 'compliance-bot-test-scanWorker',
  SLACK_BOT_ID: 'B0123ABCD',
  SLACK_BOT_USER_ID: 'U0123ABCD',
  AWS_REGION: 'eu-west-1',
};

const s3Config = (extra = '') => `
store: { type: s3, bucket: compliance-bot-test }
clusters:
  - name: prod
    kubeconfig: { parameter: /compliance-bot/kubeconfig/prod }
slack:
  channel: CALERTS
  botTokenParameter: /compliance-bot/slack/bot-token
  signingSecretParameter: /compliance-bot/slack/signing-secret
${extra}`;

beforeEach(() => {
  mockLoads.length = 0;
  mockProbe.loaded.length = 0;
  mockProbe.constructed.length = 0;
  mockProbe.answers = {};
  jest.resetModules();
});

describe('Function: lazyClient', () => {
  it('creates the client on its first use only, once, and hands calls to it', async () => {
    const create = jest.fn(() => ({ region: 'eu-west-1', send: async (x: number) => x * 2 }));
    const client = lazyClient(create);
    expect(create).not.toHaveBeenCalled();
    expect(await client.send(21)).toBe(42);
    expect(client.region).toBe('eu-west-1');
    expect(create).toHaveBeenCalledTimes(1);
  });
});

describe('Cold start of the Lambda wiring', () => {
  it('builds the Slack runtime without loading any SDK module or creating any client', async () => {
    const rt = buildRuntime({ COMPLIANCE_BOT_CONFIG: s3Config() }, 'slack');
    expect(rt.config.store.type).toBe('s3');
    expect({ loaded: mockProbe.loaded, constructed: mockProbe.constructed }).toEqual({ loaded: [], constructed: [] });

    // The first read of a parameter loads the SSM module and creates its client, and nothing else.
    mockProbe.answers.GetParameterCommand = () => ({ Parameter: { Value: 'v' } });
    await expect(rt.secrets.get('/compliance-bot/slack/bot-token')).resolves.toBe('v');
    expect({ loaded: mockProbe.loaded, constructed: mockProbe.constructed }).toEqual({
      loaded: ['@aws-sdk/client-ssm'],
      constructed: ['SSMClient'],
    });
  });

  it('starts the Slack handler with the SSM client only: no Lambda, S3 or Secrets Manager client until needed', async () => {
    mockProbe.answers.GetParameterCommand = (c) => ({
      Parameter: { Value: c.input.Name === '/compliance-bot/slack/bot-token' ? 'xoxb-test' : 'signing' },
    });
    const h = await buildSlackHandler({ ...SLACK_ENV, COMPLIANCE_BOT_CONFIG: s3Config() });
    expect(typeof h).toBe('function');
    expect({ loaded: mockProbe.loaded, constructed: mockProbe.constructed }).toEqual({
      loaded: ['@aws-sdk/client-ssm'],
      constructed: ['SSMClient'],
    });
  });

  it('starts every function without loading the Kubernetes client, the retry strategies or the signer', () => {
    for (const name of ['nightly-scan', 'scan-worker', 'slack', 'weekly-digest']) {
      jest.isolateModules(() => {
        require(`../../handlers/${name}`);
      });
    }
    expect(mockLoads).toEqual([]);
    // Each loads with the first thing that needs it.
    const { loadKubeConfig } = require('../collectors/k8s/kubeconfig') as typeof import('../collectors/k8s/kubeconfig');
    expect(() => loadKubeConfig({ yaml: 'not: a kubeconfig' })).toThrow(/no current context or cluster/);
    const { storeRetry } = require('./retry') as typeof import('./retry');
    expect(storeRetry().maxAttempts).toBe(4);
    expect(mockLoads).toEqual(['@kubernetes/client-node/dist/config.js', '@smithy/core/retry']);
  });

  it('loads the SigV4 signer with the first EKS token, not before', async () => {
    const { presignedCallerIdentityUrl } =
      require('../collectors/k8s/eks-token') as typeof import('../collectors/k8s/eks-token');
    expect(mockLoads).toEqual([]);
    const url = await presignedCallerIdentityUrl(
      'prod',
      'eu-west-1',
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(url).toMatch(/^https:\/\/sts\.eu-west-1\.amazonaws\.com\/\?Action=GetCallerIdentity&/);
    expect(mockLoads).toEqual(['@smithy/signature-v4']);
  });

  it('loads the SSM host collector, and with it the SSM module, only when an SSM host group is scanned', () => {
    const { collectorsFor } = require('../scan/targets') as typeof import('../scan/targets');
    const { parseConfig } = require('../config/load') as typeof import('../config/load');
    const ssm = lazyClient(() => new (require('@aws-sdk/client-ssm').SSMClient)({}));
    const config = parseConfig(
      'clusters: [{ name: prod, manifests: ./m }]\nhostGroups: [{ name: workers, ssm: { tags: { compliance-bot: [enabled] } } }]\n',
      'test',
    );
    expect(collectorsFor(config, { kind: 'clusters' }, { ssm })).toHaveLength(1);
    expect(mockProbe.loaded).toEqual([]);
    const [workers] = collectorsFor(config, { kind: 'hosts' }, { ssm });
    expect(workers).toMatchObject({ name: 'workers' });
    expect(mockProbe.loaded).toContain('@aws-sdk/client-ssm');
    expect(mockProbe.constructed).toEqual([]);
  });

  describe('the nightly handler', () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'coldstart-'));
      env = { ...process.env };
      process.env.AWS_REGION = 'eu-west-1';
      jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    });
    afterEach(() => {
      process.env = env;
      jest.restoreAllMocks();
      rmSync(dir, { recursive: true, force: true });
    });

    const config = (cluster: string) =>
      `store: { type: local, dir: ${JSON.stringify(dir)} }\nclusters:\n  - name: prod\n    ${cluster}\n`;

    it('never loads the EKS module nor creates an EKS client when no EKS cluster is configured', async () => {
      process.env.COMPLIANCE_BOT_CONFIG = config('kubeconfig: { parameter: /compliance-bot/kubeconfig/prod }');
      mockProbe.answers.GetParameterCommand = () => ({ Parameter: { Value: 'not a kubeconfig' } });
      const out = await nightlyHandler({ source: 'compliance-bot.schedule' });
      expect(out.scopes.map((s) => s.unassessedTargets)).toEqual([1]);
      expect(mockProbe.loaded).not.toContain('@aws-sdk/client-eks');
      expect(mockProbe.constructed).not.toContain('EKSClient');
      // Nor the modules a scan without SSM host groups, Secrets Manager secrets or an S3 store never calls.
      expect(mockProbe.loaded).not.toContain('@aws-sdk/client-secrets-manager');
      expect(mockProbe.loaded).not.toContain('@aws-sdk/client-s3');
      expect(mockProbe.constructed).toEqual(['SSMClient']);
    });

    it('creates the EKS client when an EKS cluster is configured (the probe sees it)', async () => {
      process.env.COMPLIANCE_BOT_CONFIG = config('eks: { name: prod, region: eu-west-1 }');
      const out = await nightlyHandler({ source: 'compliance-bot.schedule' });
      expect(out.scopes.map((s) => s.unassessedTargets)).toEqual([1]);
      expect(mockProbe.constructed).toContain('EKSClient');
    });
  });
});
