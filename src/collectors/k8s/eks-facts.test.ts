import { Readable } from 'node:stream';
import {
  AccessDeniedException,
  DescribeAccessEntryCommand,
  DescribeClusterCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
  ThrottlingException,
} from '@aws-sdk/client-eks';
import { ConfiguredRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';
import { HttpResponse } from '@smithy/protocol-http';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients, RETRY } from '../../aws/clients';
import type { ClusterConfig } from '../../config/schema';
import type { TargetFacts } from '../../core/model';
import { silentReporter, type TargetCollector } from '../types';
import { collectEksFacts, withEksFacts } from './eks-facts';

const base = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
const client = new EKSClient(base);
const eksMock = mockClient(client);
const EKS = { name: 'prod', region: 'eu-west-1', publicAccessCidrs: ['203.0.113.0/24'] };
const ADMIN = 'arn:aws:iam::111122223333:role/admin';
const DEV = 'arn:aws:iam::111122223333:role/dev';
const ADMIN_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

const described = {
  cluster: {
    name: 'prod',
    version: '1.33',
    status: 'ACTIVE' as const,
    resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
    logging: {
      clusterLogging: [
        { types: ['api' as const, 'audit' as const], enabled: true },
        { types: ['scheduler' as const], enabled: false },
      ],
    },
    encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1' } }],
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' as const },
  },
};

beforeEach(() => eksMock.reset());

describe('collectEksFacts', () => {
  it('reduces DescribeCluster and follows every page of access entries and of their policies', async () => {
    eksMock.on(DescribeClusterCommand).resolves(described);
    eksMock
      .on(ListAccessEntriesCommand, { clusterName: 'prod', nextToken: undefined })
      .resolves({ accessEntries: [ADMIN], nextToken: 't1' })
      .on(ListAccessEntriesCommand, { clusterName: 'prod', nextToken: 't1' })
      .resolves({ accessEntries: [DEV] });
    eksMock
      .on(DescribeAccessEntryCommand, { principalArn: ADMIN })
      .resolves({ accessEntry: { principalArn: ADMIN, type: 'STANDARD', kubernetesGroups: [] } })
      .on(DescribeAccessEntryCommand, { principalArn: DEV })
      .resolves({ accessEntry: { principalArn: DEV, type: 'STANDARD', kubernetesGroups: ['dev'], username: 'dev' } });
    eksMock
      .on(ListAssociatedAccessPoliciesCommand, { principalArn: ADMIN, nextToken: undefined })
      .resolves({ associatedAccessPolicies: [], nextToken: 'p1' })
      .on(ListAssociatedAccessPoliciesCommand, { principalArn: ADMIN, nextToken: 'p1' })
      .resolves({ associatedAccessPolicies: [{ policyArn: ADMIN_POLICY, accessScope: { type: 'cluster' } }] })
      .on(ListAssociatedAccessPoliciesCommand, { principalArn: DEV })
      .resolves({
        associatedAccessPolicies: [
          {
            policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
            accessScope: { type: 'namespace', namespaces: ['dev'] },
          },
        ],
      });

    const facts = await collectEksFacts(client, EKS);
    expect(facts['eks.cluster']).toEqual({
      ok: true,
      value: {
        name: 'prod',
        region: 'eu-west-1',
        version: '1.33',
        status: 'ACTIVE',
        endpointPublicAccess: true,
        endpointPrivateAccess: true,
        publicAccessCidrs: ['0.0.0.0/0'],
        allowedPublicCidrs: ['203.0.113.0/24'],
        logging: { enabled: ['api', 'audit'], disabled: ['scheduler'] },
        encryption: [{ resources: ['secrets'], keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1' }],
        authenticationMode: 'API_AND_CONFIG_MAP',
      },
    });
    expect(facts['eks.accessEntries']).toEqual({
      ok: true,
      value: [
        {
          principalArn: ADMIN,
          type: 'STANDARD',
          kubernetesGroups: [],
          policies: [{ policyArn: ADMIN_POLICY, scope: 'cluster', namespaces: [] }],
        },
        {
          principalArn: DEV,
          type: 'STANDARD',
          username: 'dev',
          kubernetesGroups: ['dev'],
          policies: [
            {
              policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
              scope: 'namespace',
              namespaces: ['dev'],
            },
          ],
        },
      ],
    });
    expect(eksMock.commandCalls(ListAccessEntriesCommand)).toHaveLength(2);
    expect(eksMock.commandCalls(ListAssociatedAccessPoliciesCommand)).toHaveLength(3);
  });

  it('makes both facts unknown with the reason when DescribeCluster is denied', async () => {
    eksMock.on(DescribeClusterCommand).rejects(new AccessDeniedException({ message: 'not authorized', $metadata: {} }));
    const facts = await collectEksFacts(client, EKS);
    const reason =
      'eks:DescribeCluster denied (AccessDeniedException): the scan role lacks it (docs/eks.md, "Permissions")';
    expect(facts['eks.cluster']).toEqual({ ok: false, reason });
    expect(facts['eks.accessEntries']).toEqual({ ok: false, reason });
  });

  it('keeps the cluster when only the access entries are denied', async () => {
    eksMock.on(DescribeClusterCommand).resolves(described);
    eksMock
      .on(ListAccessEntriesCommand)
      .rejects(new AccessDeniedException({ message: 'not authorized', $metadata: {} }));
    const facts = await collectEksFacts(client, EKS);
    expect(facts['eks.cluster']?.ok).toBe(true);
    expect(facts['eks.accessEntries']).toEqual({
      ok: false,
      reason:
        'eks:ListAccessEntries denied (AccessDeniedException): the scan role lacks it (docs/eks.md, "Permissions")',
    });
  });

  it('names the call that was throttled beyond the SDK retries, and does not retry it again', async () => {
    eksMock.on(DescribeClusterCommand).resolves(described);
    eksMock.on(ListAccessEntriesCommand).resolves({ accessEntries: [ADMIN] });
    eksMock.on(DescribeAccessEntryCommand).resolves({ accessEntry: { principalArn: ADMIN } });
    eksMock
      .on(ListAssociatedAccessPoliciesCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    const facts = await collectEksFacts(client, EKS);
    expect(facts['eks.accessEntries']).toEqual({
      ok: false,
      reason: "eks:ListAssociatedAccessPolicies throttled (ThrottlingException) beyond the SDK's retries",
    });
    expect(eksMock.commandCalls(ListAssociatedAccessPoliciesCommand)).toHaveLength(1);
  });

  it('stops on a page token EKS repeats rather than loop', async () => {
    eksMock.on(DescribeClusterCommand).resolves(described);
    eksMock.on(ListAccessEntriesCommand).resolves({ accessEntries: [], nextToken: 'same' });
    const facts = await collectEksFacts(client, EKS);
    expect(facts['eks.accessEntries']).toMatchObject({
      ok: false,
      reason: expect.stringContaining('repeated the page token'),
    });
  });

  it('does not list access entries of a cluster that has none (CONFIG_MAP)', async () => {
    eksMock.on(DescribeClusterCommand).resolves({
      cluster: { ...described.cluster, accessConfig: { authenticationMode: 'CONFIG_MAP' } },
    });
    const facts = await collectEksFacts(client, EKS);
    expect(facts['eks.accessEntries']).toMatchObject({
      ok: false,
      reason: expect.stringContaining('aws-auth ConfigMap'),
    });
    expect(eksMock.commandCalls(ListAccessEntriesCommand)).toHaveLength(0);
  });
});

describe('EKS retries', () => {
  it("are the SDK's standard strategy on the scan's EKS clients", async () => {
    const eks = createAwsClients({ AWS_REGION: 'eu-west-1' }).eksApi('eu-west-1');
    expect(await eks.config.retryStrategy()).toBeInstanceOf(StandardRetryStrategy);
    expect(await eks.config.maxAttempts()).toBe(RETRY.maxAttempts);
  });

  it('a DescribeCluster throttled on every attempt is sent maxAttempts times in all, then the facts are unknown', async () => {
    let requests = 0;
    const requestHandler = {
      handle: async () => {
        requests++;
        return {
          response: new HttpResponse({
            statusCode: 429,
            headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' },
            body: Readable.from([Buffer.from('{"message":"Rate exceeded"}')]),
          }),
        };
      },
    };
    // The SDK's own retry decisions, without its backoff waits.
    const eks = new EKSClient({
      ...base,
      maxAttempts: RETRY.maxAttempts,
      retryStrategy: new ConfiguredRetryStrategy(RETRY.maxAttempts, () => 0),
      requestHandler,
    });
    const facts = await collectEksFacts(eks, EKS);
    expect(requests).toBe(RETRY.maxAttempts);
    expect(facts['eks.cluster']).toEqual({
      ok: false,
      reason: "eks:DescribeCluster throttled (ThrottlingException) beyond the SDK's retries",
    });
  });
});

describe('withEksFacts', () => {
  const inner = (facts: TargetFacts['facts']): TargetCollector => ({
    target: { name: 'c', kind: 'cluster' },
    collect: async () => ({ target: { name: 'c', kind: 'cluster' }, facts }),
  });
  const ctx = { reporter: silentReporter };
  const kubeconfigCluster = { name: 'c', kubeconfig: { file: 'k.yaml' } } as ClusterConfig;
  const controlPlane = (managed: 'eks' | null) => ({
    'k8s.controlPlane': { ok: true as const, value: { managed, managedEvidence: 'node n1 labels', components: {} } },
  });

  it('makes a cluster not configured as EKS not-applicable, with how it is reached', async () => {
    const out = await withEksFacts(inner(controlPlane(null)), kubeconfigCluster, undefined).collect(ctx);
    expect(out.facts['eks.cluster']).toEqual({
      ok: true,
      value: { notEks: 'c is reached through a kubeconfig, not configured as an EKS cluster' },
    });
    expect(out.facts['k8s.controlPlane']?.ok).toBe(true);
  });

  it('makes a cluster that looks like EKS but names no EKS cluster unknown, with the evidence', async () => {
    const out = await withEksFacts(inner(controlPlane('eks')), kubeconfigCluster, undefined).collect(ctx);
    expect(out.facts['eks.cluster']).toMatchObject({
      ok: false,
      reason: expect.stringContaining('looks like EKS (node n1 labels) but the configuration names no EKS cluster'),
    });
  });

  it('is unknown when the control plane could not be read', async () => {
    const out = await withEksFacts(
      inner({ 'k8s.controlPlane': { ok: false, reason: 'pods forbidden' } }),
      kubeconfigCluster,
      undefined,
    ).collect(ctx);
    expect(out.facts['eks.cluster']).toMatchObject({ ok: false, reason: expect.stringContaining('pods forbidden') });
  });

  it('asks the EKS API of the configured region for a cluster configured as EKS', async () => {
    eksMock.on(DescribeClusterCommand).resolves(described);
    eksMock.on(ListAccessEntriesCommand).resolves({ accessEntries: [] });
    const regions: string[] = [];
    const c = { name: 'c', eks: { name: 'prod', region: 'eu-west-1' } } as ClusterConfig;
    const out = await withEksFacts(inner(controlPlane('eks')), c, (r) => {
      regions.push(r);
      return client;
    }).collect(ctx);
    expect(regions).toEqual(['eu-west-1']);
    expect(out.facts['eks.cluster']).toMatchObject({ ok: true, value: { name: 'prod', allowedPublicCidrs: [] } });
    expect(out.facts['eks.accessEntries']).toEqual({ ok: true, value: [] });
  });

  it('is unknown for a cluster configured as EKS when no AWS clients were given', async () => {
    const c = { name: 'c', eks: { name: 'prod', region: 'eu-west-1' } } as ClusterConfig;
    const out = await withEksFacts(inner({}), c, undefined).collect(ctx);
    expect(out.facts['eks.cluster']).toMatchObject({ ok: false, reason: expect.stringContaining('no EKS API client') });
  });
});
