import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  type CommandInvocation,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  SendCommandCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { runProbe } from '../../src/collectors/host/local';
import probeScript from '../../src/collectors/host/probe.sh';
import {
  invocationFailureReason,
  PROBE_STEP_NAME,
  type SsmHostCollectorOptions,
  ssmDocumentContent,
  ssmHostCollector,
} from '../../src/collectors/host/ssm';
import { silentReporter } from '../../src/collectors/types';
import { makeRoot, workerNode } from './make-root';

const creds = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
const ssm = new SSMClient(creds);
const s3 = new S3Client(creds);
const ssmMock = mockClient(ssm);
const s3Mock = mockClient(s3);

let probeOutput = '';
let root = '';
beforeAll(async () => {
  root = makeRoot('node-a', workerNode().files);
  probeOutput = (await runProbe(root)).stdout;
});
afterAll(() => rmSync(dirname(root), { recursive: true, force: true }));
beforeEach(() => {
  ssmMock.reset();
  s3Mock.reset();
});

const body = (text: string) => ({ transformToString: async () => text }) as never;
const online = (id: string) => ({ InstanceId: id, PingStatus: 'Online' as const, PlatformType: 'Linux' as const });

function success(id: string, commandId = 'cmd-1', output = probeOutput.slice(0, 2500)): CommandInvocation {
  return {
    CommandId: commandId,
    InstanceId: id,
    Status: 'Success',
    StatusDetails: 'Success',
    CommandPlugins: [
      {
        Name: PROBE_STEP_NAME,
        Status: 'Success',
        Output: output,
        OutputS3BucketName: 'out-bucket',
        StandardOutputUrl: `https://s3.eu-west-1.amazonaws.com/out-bucket/ssm-output/${commandId}/${id}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`,
      },
    ],
  };
}

/** A fake clock: sleeping advances it, so deadlines are reached without waiting. */
function clock(budgetMs: number) {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    remainingMs: () => budgetMs - now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function collector(extra: Partial<SsmHostCollectorOptions> = {}, budgetMs = 600_000) {
  const c = clock(budgetMs);
  const col = ssmHostCollector({
    name: 'workers',
    ssm,
    s3,
    group: { tags: { 'eks:cluster-name': ['prod'] }, maxConcurrency: '10%', maxErrors: '5', timeoutSeconds: 600 },
    documentName: 'ComplianceBot-HostProbe',
    outputBucket: 'out-bucket',
    outputPrefix: 'ssm-output/',
    remainingMs: c.remainingMs,
    sleep: c.sleep,
    random: () => 0.5,
    ...extra,
  });
  return { col, c };
}

describe('Function: ssmDocumentContent', () => {
  it('is one aws:runShellScript step that runs the probe, with no parameters at all', () => {
    const doc = ssmDocumentContent();
    expect(doc.schemaVersion).toBe('2.2');
    expect(doc).not.toHaveProperty('parameters');
    expect(doc.mainSteps).toHaveLength(1);
    expect(doc.mainSteps[0].action).toBe('aws:runShellScript');
    expect(doc.mainSteps[0].inputs.runCommand.join('\n')).toBe(probeScript);
    expect(JSON.stringify(doc)).not.toMatch(/\{\{\s*\w+\s*\}\}/);
  });
});

describe('Function: invocationFailureReason', () => {
  it.each([
    ['Failed', 'Undeliverable', 'Undeliverable'],
    ['TimedOut', 'DeliveryTimedOut', 'DeliveryTimedOut'],
    ['TimedOut', 'ExecutionTimedOut', 'ExecutionTimedOut'],
    ['Failed', 'Failed', 'failed on the instance'],
    ['Cancelled', 'Cancelled', 'cancelled'],
    ['Failed', 'InvalidPlatform', 'not a Linux node'],
    ['TimedOut', undefined, 'timed out'],
  ] as const)('maps status %s / %s to a reason naming %s', (status, details, text) => {
    expect(invocationFailureReason({ Status: status, StatusDetails: details })).toContain(text);
  });
});

describe('Function: ssmHostCollector', () => {
  it('sends the probe by tag Targets with MaxConcurrency, MaxErrors and S3 output, and reads full output from S3', async () => {
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .resolvesOnce({ InstanceInformationList: [online('i-0000000000000000a')], NextToken: 'p2' })
      .resolvesOnce({ InstanceInformationList: [online('i-0000000000000000b')] });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock
      .on(ListCommandInvocationsCommand)
      .resolvesOnce({ CommandInvocations: [success('i-0000000000000000a')], NextToken: 'n2' })
      .resolvesOnce({ CommandInvocations: [success('i-0000000000000000b')] });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(probeOutput) });

    const { col } = collector();
    const out = await col.collect({ reporter: silentReporter });

    expect(ssmMock).toHaveReceivedCommandWith(DescribeInstanceInformationCommand, {
      Filters: [{ Key: 'tag:eks:cluster-name', Values: ['prod'] }],
      NextToken: 'p2',
    });
    expect(ssmMock).toHaveReceivedCommandWith(SendCommandCommand, {
      DocumentName: 'ComplianceBot-HostProbe',
      Targets: [{ Key: 'tag:eks:cluster-name', Values: ['prod'] }],
      MaxConcurrency: '10%',
      MaxErrors: '5',
      TimeoutSeconds: 600,
      OutputS3BucketName: 'out-bucket',
      OutputS3KeyPrefix: 'ssm-output',
    });
    const send = ssmMock.commandCalls(SendCommandCommand)[0].args[0].input;
    expect(send).not.toHaveProperty('Parameters');
    expect(ssmMock).toHaveReceivedCommandWith(ListCommandInvocationsCommand, { CommandId: 'cmd-1', NextToken: 'n2' });
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'out-bucket',
      Key: `ssm-output/cmd-1/i-0000000000000000a/awsrunShellScript/${PROBE_STEP_NAME}/stdout`,
    });
    expect(out.unreachable).toEqual([]);
    expect(out.facts.map((f) => f.target.name).sort()).toEqual(['i-0000000000000000a', 'i-0000000000000000b']);
    for (const f of out.facts) expect(f.facts['host.sshd']?.ok).toBe(true);
  });

  it('makes offline and non-Linux nodes unreachable with the reason, and sends nothing when none is online', async () => {
    ssmMock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [
        { InstanceId: 'i-0000000000000000c', PingStatus: 'ConnectionLost', PlatformType: 'Linux' },
        { InstanceId: 'i-0000000000000000d', PingStatus: 'Online', PlatformType: 'Windows' },
      ],
    });
    const { col } = collector();
    const out = await col.collect({ reporter: silentReporter });
    expect(out.unreachable).toEqual([
      { target: { name: 'i-0000000000000000c', kind: 'host' }, reason: 'the SSM agent is ConnectionLost' },
      {
        target: { name: 'i-0000000000000000d', kind: 'host' },
        reason: 'the node runs Windows: the host probe runs on Linux only',
      },
    ]);
    expect(ssmMock).toHaveReceivedCommandTimes(SendCommandCommand, 0);
  });

  it('does not wait for an offline node that the tag still targets (reported once, from DescribeInstanceInformation)', async () => {
    ssmMock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [
        online('i-0000000000000000a'),
        { InstanceId: 'i-0000000000000000c', PingStatus: 'ConnectionLost', PlatformType: 'Linux' },
      ],
    });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandInvocationsCommand).resolves({
      CommandInvocations: [
        success('i-0000000000000000a', 'cmd-1', probeOutput),
        { CommandId: 'cmd-1', InstanceId: 'i-0000000000000000c', Status: 'Pending', StatusDetails: 'Pending' },
      ],
    });
    const { col, c } = collector();
    const out = await col.collect({ reporter: silentReporter });
    expect(c.sleeps).toEqual([]);
    expect(out.facts.map((f) => f.target.name)).toEqual(['i-0000000000000000a']);
    expect(out.unreachable).toEqual([
      { target: { name: 'i-0000000000000000c', kind: 'host' }, reason: 'the SSM agent is ConnectionLost' },
    ]);
  });

  it('sends to 120 instance IDs in batches of at most 50 and names unregistered IDs', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`);
    ssmMock.on(DescribeInstanceInformationCommand).callsFake((input: { Filters: { Values: string[] }[] }) => ({
      InstanceInformationList: input.Filters[0].Values.filter((id) => id !== ids[7]).map(online),
    }));
    let n = 0;
    ssmMock.on(SendCommandCommand).callsFake(() => ({ Command: { CommandId: `cmd-${++n}` } }));
    ssmMock.on(ListCommandInvocationsCommand).callsFake((input: { CommandId: string }) => {
      const batch = Number(input.CommandId.slice(4)) - 1;
      const mine = ids.filter((id) => id !== ids[7]).slice(batch * 50, batch * 50 + 50);
      return { CommandInvocations: mine.map((id) => success(id, input.CommandId, probeOutput)) };
    });
    const { col } = collector({
      group: { instanceIds: ids, maxConcurrency: '50', maxErrors: '10%', timeoutSeconds: 600 },
    });
    const out = await col.collect({ reporter: silentReporter });

    const sends = ssmMock.commandCalls(SendCommandCommand).map((c) => c.args[0].input.InstanceIds ?? []);
    expect(sends.map((s) => s.length)).toEqual([50, 50, 19]);
    expect(sends.every((s) => s.length <= 50)).toBe(true);
    const describes = ssmMock
      .commandCalls(DescribeInstanceInformationCommand)
      .map((c) => c.args[0].input.Filters?.[0]?.Values?.length);
    expect(describes).toEqual([50, 50, 20]);
    expect(out.facts).toHaveLength(119);
    expect(out.unreachable).toEqual([
      { target: { name: ids[7], kind: 'host' }, reason: 'not a managed instance: its SSM agent is not registered' },
    ]);
    // Complete output in the API response: no S3 read needed.
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
  });

  it('retries ListCommandInvocations with growing backoff while throttled', async () => {
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .resolves({ InstanceInformationList: [online('i-0000000000000000a')] });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    const throttle = new SSMServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'Rate exceeded',
    });
    ssmMock
      .on(ListCommandInvocationsCommand)
      .rejectsOnce(throttle)
      .rejectsOnce(throttle)
      .rejectsOnce(throttle)
      .resolves({ CommandInvocations: [success('i-0000000000000000a')] });
    s3Mock.on(GetObjectCommand).resolves({ Body: body(probeOutput) });
    const { col, c } = collector();
    const out = await col.collect({ reporter: silentReporter });
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 4);
    expect(c.sleeps).toEqual([150, 300, 600]);
    expect(out.facts).toHaveLength(1);
  });

  it('gives up on a call still throttled after the retry budget, and the whole group fails', async () => {
    const throttle = new SSMServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'Rate exceeded',
    });
    ssmMock.on(DescribeInstanceInformationCommand).rejects(throttle);
    const { col } = collector({ maxThrottleRetries: 3 });
    await expect(col.collect({ reporter: silentReporter })).rejects.toThrow('Rate exceeded');
    expect(ssmMock).toHaveReceivedCommandTimes(DescribeInstanceInformationCommand, 3);
  });

  it('maps every terminal status other than Success to unreachable, never to facts', async () => {
    const ids = [
      'i-0000000000000001a',
      'i-0000000000000001b',
      'i-0000000000000001c',
      'i-0000000000000001d',
      'i-0000000000000001e',
    ];
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    const statuses: [CommandInvocation['Status'], string][] = [
      ['Failed', 'Undeliverable'],
      ['TimedOut', 'DeliveryTimedOut'],
      ['TimedOut', 'ExecutionTimedOut'],
      ['Failed', 'Failed'],
      ['Cancelled', 'Cancelled'],
    ];
    ssmMock.on(ListCommandInvocationsCommand).resolves({
      CommandInvocations: ids.map((id, i) => ({
        CommandId: 'cmd-1',
        InstanceId: id,
        Status: statuses[i][0],
        StatusDetails: statuses[i][1],
      })),
    });
    const { col } = collector();
    const out = await col.collect({ reporter: silentReporter });
    expect(out.facts).toEqual([]);
    const reasons = Object.fromEntries(out.unreachable.map((u) => [u.target.name, u.reason]));
    expect(reasons[ids[0]]).toContain('Undeliverable');
    expect(reasons[ids[1]]).toContain('DeliveryTimedOut');
    expect(reasons[ids[2]]).toContain('ExecutionTimedOut');
    expect(reasons[ids[3]]).toContain('failed on the instance');
    expect(reasons[ids[4]]).toContain('cancelled');
  });

  it('stops at the deadline: a node that never answers and one still running become unreachable', async () => {
    ssmMock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [
        online('i-0000000000000000a'),
        online('i-0000000000000000b'),
        online('i-0000000000000000c'),
      ],
    });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandInvocationsCommand).resolves({
      CommandInvocations: [
        success('i-0000000000000000a', 'cmd-1', probeOutput),
        { CommandId: 'cmd-1', InstanceId: 'i-0000000000000000b', Status: 'InProgress', StatusDetails: 'InProgress' },
      ],
    });
    const { col, c } = collector({ safetyMarginMs: 10_000 }, 60_000);
    const out = await col.collect({ reporter: silentReporter });
    expect(out.facts.map((f) => f.target.name)).toEqual(['i-0000000000000000a']);
    expect(out.unreachable).toEqual([
      {
        target: { name: 'i-0000000000000000b', kind: 'host' },
        reason: 'the node did not answer before the deadline (last status InProgress)',
      },
      {
        target: { name: 'i-0000000000000000c', kind: 'host' },
        reason: 'the node never answered (no invocation appeared before the deadline)',
      },
    ]);
    expect(c.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(50_000);
  });

  it('returns at once with every node unreachable when the scan is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const { col } = collector({
      group: { instanceIds: ['i-0000000000000000a'], maxConcurrency: '1', maxErrors: '1', timeoutSeconds: 60 },
    });
    const out = await col.collect({ reporter: silentReporter, signal: ac.signal });
    expect(out.unreachable).toEqual([
      {
        target: { name: 'i-0000000000000000a', kind: 'host' },
        reason: 'the scan ran out of time before the node was queried',
      },
    ]);
    expect(ssmMock).toHaveReceivedCommandTimes(DescribeInstanceInformationCommand, 0);
  });

  it('reads outputs from S3 several at a time, at most outputConcurrency, keeping every node', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`);
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandInvocationsCommand).resolves({ CommandInvocations: ids.map((id) => success(id)) });
    let inFlight = 0;
    let most = 0;
    s3Mock.on(GetObjectCommand).callsFake(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return { Body: body(probeOutput) };
    });
    const { col } = collector({ outputConcurrency: 5 });
    const out = await col.collect({ reporter: silentReporter });
    expect(out.facts.map((f) => f.target.name)).toEqual(ids);
    expect(most).toBe(5);
  });

  it('hands the command IDs to onSent, then resumes collection from them without sending again', async () => {
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .resolves({ InstanceInformationList: [online('i-0000000000000000a')] });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-7' } });
    ssmMock.on(ListCommandInvocationsCommand).resolves({
      CommandInvocations: [{ CommandId: 'cmd-7', InstanceId: 'i-0000000000000000a', Status: 'InProgress' }],
    });
    const sent: string[][] = [];
    const first = collector({ onSent: (ids) => sent.push(ids), safetyMarginMs: 0 }, 5_000);
    const out1 = await first.col.collect({ reporter: silentReporter });
    expect(sent).toEqual([['cmd-7']]);
    expect(out1.unreachable[0].reason).toContain('did not answer before the deadline');

    // Later (the SSM status-change event): the command has finished.
    ssmMock.reset();
    ssmMock.on(ListCommandInvocationsCommand).resolves({
      CommandInvocations: [success('i-0000000000000000a', 'cmd-7', probeOutput)],
    });
    const second = collector({
      resume: { commandIds: ['cmd-7'], instanceIds: ['i-0000000000000000a', 'i-0000000000000000b'] },
    });
    const out2 = await second.col.collect({ reporter: silentReporter });
    expect(ssmMock).toHaveReceivedCommandTimes(DescribeInstanceInformationCommand, 0);
    expect(ssmMock).toHaveReceivedCommandTimes(SendCommandCommand, 0);
    expect(out2.facts.map((f) => f.target.name)).toEqual(['i-0000000000000000a']);
    expect(out2.unreachable).toEqual([
      {
        target: { name: 'i-0000000000000000b', kind: 'host' },
        reason: 'the node never answered (no invocation appeared before the deadline)',
      },
    ]);
  });

  it('makes every fact unknown, naming S3, when the output is truncated and S3 cannot be read', async () => {
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .resolves({ InstanceInformationList: [online('i-0000000000000000a')] });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandInvocationsCommand).resolves({ CommandInvocations: [success('i-0000000000000000a')] });
    s3Mock.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const { col } = collector();
    const out = await col.collect({ reporter: silentReporter });
    const f = out.facts[0].facts['host.sshd'];
    expect(f?.ok).toBe(false);
    expect(!f?.ok && f?.reason).toContain('truncated');
    expect(!f?.ok && f?.reason).toContain('AccessDenied: Access Denied');
  });

  it('without an S3 bucket reads up to 24,000 characters with GetCommandInvocation', async () => {
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .resolves({ InstanceInformationList: [online('i-0000000000000000a')] });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandInvocationsCommand).resolves({ CommandInvocations: [success('i-0000000000000000a')] });
    ssmMock.on(GetCommandInvocationCommand).resolves({ StandardOutputContent: probeOutput, Status: 'Success' });
    const { col } = collector({ outputBucket: undefined });
    const out = await col.collect({ reporter: silentReporter });
    expect(ssmMock).toHaveReceivedCommandWith(SendCommandCommand, { DocumentName: 'ComplianceBot-HostProbe' });
    expect(ssmMock.commandCalls(SendCommandCommand)[0].args[0].input).not.toHaveProperty('OutputS3BucketName');
    expect(ssmMock).toHaveReceivedCommandWith(GetCommandInvocationCommand, {
      CommandId: 'cmd-1',
      InstanceId: 'i-0000000000000000a',
      PluginName: PROBE_STEP_NAME,
    });
    expect(out.facts[0].facts['host.accounts']?.ok).toBe(true);
  });
});
