/**
 * How the SSM runner waits: ListCommands status counts each round (one call), the invocations paged once per
 * command when its counts say it has ended (or when the deadline nears), nodes reported offline never waited for,
 * outputs read as their page arrives. Call counts are asserted on aws-sdk-client-mock (no SSM server exists).
 */
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  type Command,
  type CommandInvocation,
  DescribeInstanceInformationCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import {
  PROBE_STEP_NAME,
  type SsmHostCollectorOptions,
  shareFacts,
  ssmHostCollector,
} from '../../src/collectors/host/ssm';
import type { Reporter } from '../../src/collectors/types';
import type { TargetFacts } from '../../src/core/model';

const creds = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
const ssm = new SSMClient(creds);
const s3 = new S3Client(creds);
const ssmMock = mockClient(ssm);
const s3Mock = mockClient(s3);

let probeOutput = '';
beforeAll(async () => {
  probeOutput = (await runProbe(join(__dirname, 'roots', 'node-a'))).stdout;
  expect(probeOutput.length).toBeGreaterThan(1200);
});
beforeEach(() => {
  ssmMock.reset();
  s3Mock.reset();
  s3Mock.on(GetObjectCommand).resolves({ Body: { transformToString: async () => probeOutput } as never });
});

const idOf = (i: number) => `i-${i.toString(16).padStart(17, '0')}`;
const online = (id: string) => ({ InstanceId: id, PingStatus: 'Online' as const, PlatformType: 'Linux' as const });
const offline = (id: string) => ({
  InstanceId: id,
  PingStatus: 'ConnectionLost' as const,
  PlatformType: 'Linux' as const,
});

function success(id: string, commandId = 'cmd-1'): CommandInvocation {
  return {
    CommandId: commandId,
    InstanceId: id,
    Status: 'Success',
    StatusDetails: 'Success',
    CommandPlugins: [
      {
        Name: PROBE_STEP_NAME,
        Status: 'Success',
        Output: probeOutput.slice(0, 1200), // truncated, as the API truncates real nodes' tens of KB
        OutputS3BucketName: 'out-bucket',
        StandardOutputUrl: `https://s3.eu-west-1.amazonaws.com/out-bucket/ssm-output/${commandId}/${id}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`,
      },
    ],
  };
}
const running = (id: string, commandId = 'cmd-1'): CommandInvocation => ({
  CommandId: commandId,
  InstanceId: id,
  Status: 'InProgress',
  StatusDetails: 'InProgress',
});
const pendingInv = (id: string, commandId = 'cmd-1'): CommandInvocation => ({
  CommandId: commandId,
  InstanceId: id,
  Status: 'Pending',
  StatusDetails: 'Pending',
});

/** ListCommandInvocations for one command in pages of 50, from the invocations of the moment. */
function pages(invocations: () => CommandInvocation[]) {
  return (input: { NextToken?: string }) => {
    const all = invocations();
    const from = input.NextToken ? Number(input.NextToken) : 0;
    return {
      CommandInvocations: all.slice(from, from + 50),
      ...(from + 50 < all.length ? { NextToken: String(from + 50) } : {}),
    };
  };
}

function collector(extra: Partial<SsmHostCollectorOptions> = {}, budgetMs = 600_000) {
  let now = 0;
  const sleeps: number[] = [];
  const col = ssmHostCollector({
    name: 'workers',
    ssm,
    s3,
    group: { tags: { role: ['worker'] }, maxConcurrency: '10%', maxErrors: '5', timeoutSeconds: 600 },
    documentName: 'ComplianceBot-HostProbe',
    outputBucket: 'out-bucket',
    outputPrefix: 'ssm-output/',
    remainingMs: () => budgetMs - now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...extra,
  });
  return { col, sleeps, advance: (ms: number) => (now += ms) };
}

const warnings: string[] = [];
const reporter: Reporter = { progress: () => {}, warn: (m) => warnings.push(m) };
beforeEach(() => {
  warnings.length = 0;
});

describe('Function: ssmHostCollector (polling)', () => {
  it('polls one ListCommands a round and pages the invocations of 120 tagged nodes once, when the counts say done', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => idOf(i));
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    let round = 0;
    ssmMock.on(ListCommandsCommand).callsFake((): { Commands: Command[] } => {
      round++;
      const completed = round < 4 ? round * 30 : 120;
      return {
        Commands: [
          {
            CommandId: 'cmd-1',
            Status: completed === 120 ? 'Success' : 'InProgress',
            TargetCount: 120,
            CompletedCount: completed,
          },
        ],
      };
    });
    ssmMock.on(ListCommandInvocationsCommand).callsFake(pages(() => ids.map((id) => success(id))));
    const { col, sleeps } = collector();
    const out = await col.collect({ reporter });

    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 4);
    expect(ssmMock).toHaveReceivedCommandWith(ListCommandsCommand, { CommandId: 'cmd-1' });
    // One pass: 3 pages of 50, never re-listed while the command runs.
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 3);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 120);
    expect(sleeps).toEqual([2000, 4000, 8000]);
    expect(out.facts.map((f) => f.target.name)).toEqual(ids);
    expect(out.unreachable).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('does not wait for a tagged node reported offline: its Pending invocation is not counted, nor reported twice', async () => {
    const ids = [idOf(1), idOf(2), idOf(3)];
    ssmMock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [online(ids[0]), online(ids[1]), offline(ids[2])],
    });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    // SSM targets the offline node too; it stays Pending until DeliveryTimedOut, so the command stays InProgress.
    ssmMock.on(ListCommandsCommand).resolves({
      Commands: [{ CommandId: 'cmd-1', Status: 'InProgress', TargetCount: 3, CompletedCount: 2 }],
    });
    ssmMock.on(ListCommandInvocationsCommand).resolves({
      CommandInvocations: [success(ids[0]), success(ids[1]), pendingInv(ids[2])],
    });
    const { col, sleeps } = collector();
    const out = await col.collect({ reporter });

    expect(sleeps).toEqual([]);
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 1);
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 1);
    expect(out.facts.map((f) => f.target.name)).toEqual([ids[0], ids[1]]);
    expect(out.unreachable).toEqual([
      { target: { name: ids[2], kind: 'host' }, reason: 'the SSM agent is ConnectionLost' },
    ]);
  });

  it('follows 3 instance-ID commands with one filtered ListCommands a round and pages each command once, as it ends', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => idOf(i));
    ssmMock.on(DescribeInstanceInformationCommand).callsFake((input: { Filters: { Values: string[] }[] }) => ({
      InstanceInformationList: input.Filters[0].Values.map(online),
    }));
    let n = 0;
    ssmMock.on(SendCommandCommand).callsFake(() => ({ Command: { CommandId: `cmd-${++n}` } }));
    let round = 0;
    // cmd-1 ends in round 1, cmd-2 in round 2, cmd-3 in round 3; an unrelated command is listed too.
    ssmMock.on(ListCommandsCommand).callsFake(() => {
      round++;
      const c = (k: number, size: number): Command => ({
        CommandId: `cmd-${k}`,
        Status: round >= k ? 'Success' : 'InProgress',
        TargetCount: size,
        CompletedCount: round >= k ? size : 0,
      });
      return { Commands: [c(1, 50), c(2, 50), c(3, 20), { CommandId: 'someone-else', Status: 'InProgress' }] };
    });
    ssmMock.on(ListCommandInvocationsCommand).callsFake((input: { CommandId: string }) => {
      const k = Number(input.CommandId.slice(4));
      const mine = ids.slice((k - 1) * 50, k * 50);
      return { CommandInvocations: mine.map((id) => (round >= k ? success(id, input.CommandId) : running(id))) };
    });
    const { col } = collector({
      group: { instanceIds: ids, maxConcurrency: '50', maxErrors: '10%', timeoutSeconds: 600 },
    });
    const out = await col.collect({ reporter });

    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 3);
    const filters = ssmMock.commandCalls(ListCommandsCommand)[0].args[0].input.Filters ?? [];
    expect(filters.map((f) => f.key)).toEqual(['DocumentName', 'InvokedAfter']);
    expect(filters[0].value).toBe('ComplianceBot-HostProbe');
    expect(filters[1].value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const listed = ssmMock.commandCalls(ListCommandInvocationsCommand).map((c) => c.args[0].input.CommandId);
    expect(listed).toEqual(['cmd-1', 'cmd-2', 'cmd-3']);
    expect(out.facts).toHaveLength(120);
    expect(out.unreachable).toEqual([]);
  });

  it('asks for a command by ID when the filtered listing does not show it', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => idOf(i));
    ssmMock.on(DescribeInstanceInformationCommand).callsFake((input: { Filters: { Values: string[] }[] }) => ({
      InstanceInformationList: input.Filters[0].Values.map(online),
    }));
    let n = 0;
    ssmMock.on(SendCommandCommand).callsFake(() => ({ Command: { CommandId: `cmd-${++n}` } }));
    const done = (id: string, size: number): Command => ({
      CommandId: id,
      Status: 'Success',
      TargetCount: size,
      CompletedCount: size,
    });
    ssmMock
      .on(ListCommandsCommand)
      .callsFake((input: { CommandId?: string }) =>
        input.CommandId === 'cmd-2' ? { Commands: [done('cmd-2', 10)] } : { Commands: [done('cmd-1', 50)] },
      );
    ssmMock.on(ListCommandInvocationsCommand).callsFake((input: { CommandId: string }) => {
      const mine = input.CommandId === 'cmd-1' ? ids.slice(0, 50) : ids.slice(50);
      return { CommandInvocations: mine.map((id) => success(id, input.CommandId)) };
    });
    const { col, sleeps } = collector({
      group: { instanceIds: ids, maxConcurrency: '50', maxErrors: '10%', timeoutSeconds: 600 },
    });
    const out = await col.collect({ reporter });

    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 2);
    expect(ssmMock).toHaveReceivedCommandWith(ListCommandsCommand, { CommandId: 'cmd-2' });
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 2);
    expect(sleeps).toEqual([]);
    expect(out.facts).toHaveLength(60);
  });

  it('warns once and pages the invocations every round when ListCommands is denied', async () => {
    const ids = [idOf(1), idOf(2)];
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandsCommand).rejects(
      new SSMServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'not authorized to perform: ssm:ListCommands',
      }),
    );
    let polls = 0;
    ssmMock.on(ListCommandInvocationsCommand).callsFake(() => {
      polls++;
      return { CommandInvocations: ids.map((id) => (polls < 3 ? running(id) : success(id))) };
    });
    const { col, sleeps } = collector();
    const out = await col.collect({ reporter });

    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 1);
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 3);
    expect(sleeps).toEqual([2000, 4000]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('AccessDeniedException');
    expect(warnings[0]).toContain('grant ssm:ListCommands');
    expect(out.facts).toHaveLength(2);
  });

  it('retries a throttled ListCommands with backoff instead of giving up on the counts', async () => {
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [online(idOf(1))] });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    const throttle = new SSMServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'Rate exceeded',
    });
    ssmMock
      .on(ListCommandsCommand)
      .rejectsOnce(throttle)
      .resolves({ Commands: [{ CommandId: 'cmd-1', Status: 'Success', TargetCount: 1, CompletedCount: 1 }] });
    ssmMock.on(ListCommandInvocationsCommand).resolves({ CommandInvocations: [success(idOf(1))] });
    const { col, sleeps } = collector();
    const out = await col.collect({ reporter });
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 2);
    expect(sleeps).toEqual([150]);
    expect(warnings.some((w) => w.includes('gave no status counts'))).toBe(false);
    expect(out.facts).toHaveLength(1);
  });

  it('pages once when the deadline nears before the command ends: answered nodes assessed, the rest unknown', async () => {
    const ids = [idOf(1), idOf(2), idOf(3)];
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandsCommand).resolves({
      Commands: [{ CommandId: 'cmd-1', Status: 'InProgress', TargetCount: 3, CompletedCount: 1 }],
    });
    ssmMock.on(ListCommandInvocationsCommand).resolves({
      CommandInvocations: [success(ids[0]), running(ids[1])],
    });
    const { col, sleeps } = collector({ safetyMarginMs: 10_000 }, 60_000);
    const out = await col.collect({ reporter });

    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 1);
    expect(ssmMock.commandCalls(ListCommandsCommand).length).toBe(sleeps.length + 1);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(50_000);
    expect(out.facts.map((f) => f.target.name)).toEqual([ids[0]]);
    expect(out.unreachable).toEqual([
      {
        target: { name: ids[1], kind: 'host' },
        reason: 'the node did not answer before the deadline (last status InProgress)',
      },
      {
        target: { name: ids[2], kind: 'host' },
        reason: 'the node never answered (no invocation appeared before the deadline)',
      },
    ]);
  });

  it("pages once after the caller's signal ends polling, and still reads the outputs of nodes that answered", async () => {
    const ids = [idOf(1), idOf(2)];
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandsCommand).resolves({
      Commands: [{ CommandId: 'cmd-1', Status: 'InProgress', TargetCount: 2, CompletedCount: 1 }],
    });
    ssmMock.on(ListCommandInvocationsCommand).resolves({ CommandInvocations: [success(ids[0]), running(ids[1])] });
    const ac = new AbortController();
    const { col } = collector({
      sleep: async () => {
        ac.abort();
      },
    });
    const out = await col.collect({ reporter, signal: ac.signal });

    // The first round's counts (1 of 2) are not worth a pass; after the signal, exactly one.
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 1);
    expect(out.facts.map((f) => f.target.name)).toEqual([ids[0]]);
    expect(out.facts[0].facts['host.sshd']?.ok).toBe(true);
    expect(out.unreachable.map((u) => u.target.name)).toEqual([ids[1]]);
  });

  it('pages again only when more nodes have ended, not every round while the counts stand still', async () => {
    const ids = [idOf(1), idOf(2), idOf(3)];
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    // The counts say all 3 ended but the third invocation is still listed InProgress (the counts run ahead) for 2
    // rounds; then the command is Success.
    let round = 0;
    ssmMock.on(ListCommandsCommand).callsFake(() => {
      round++;
      return {
        Commands: [
          { CommandId: 'cmd-1', Status: round < 3 ? 'InProgress' : 'Success', TargetCount: 3, CompletedCount: 3 },
        ],
      };
    });
    ssmMock.on(ListCommandInvocationsCommand).callsFake(() => ({
      CommandInvocations: [success(ids[0]), success(ids[1]), round < 3 ? running(ids[2]) : success(ids[2])],
    }));
    const { col } = collector();
    const out = await col.collect({ reporter });
    // Round 1 pass; round 2 unchanged counts: no pass; round 3 command ended: pass.
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 3);
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 2);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 3);
    expect(out.facts).toHaveLength(3);
  });

  it('reads the outputs of a page while the next pages are still to be listed (raw output never piles up)', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => idOf(i));
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map(online) });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandsCommand).resolves({
      Commands: [{ CommandId: 'cmd-1', Status: 'Success', TargetCount: 100, CompletedCount: 100 }],
    });
    const list = pages(() => ids.map((id) => success(id)));
    let readsBeforePage2 = -1;
    ssmMock.on(ListCommandInvocationsCommand).callsFake((input: { NextToken?: string }) => {
      if (input.NextToken) readsBeforePage2 = s3Mock.commandCalls(GetObjectCommand).length;
      return list(input);
    });
    const { col } = collector({ outputConcurrency: 4 });
    const out = await col.collect({ reporter });
    // With 4 readers, the page loop waits until at most 4 of page 1's 50 outputs are still being read.
    expect(readsBeforePage2).toBeGreaterThanOrEqual(46);
    expect(out.facts.map((f) => f.target.name)).toEqual(ids);
  });
});

describe('Function: shareFacts', () => {
  it('gives hosts with identical facts the same objects and keeps facts that differ apart', () => {
    const seen = new Map<string, unknown>();
    const a = shareFacts(parseProbeOutput(probeOutput, { name: 'a', kind: 'host' }), seen);
    const b = shareFacts(parseProbeOutput(probeOutput, { name: 'b', kind: 'host' }), seen);
    const other: TargetFacts = {
      target: { name: 'c', kind: 'host' },
      facts: { ...b.facts, 'host.sshd': { ok: false, reason: 'sshd is not installed.' } },
    };
    const c = shareFacts(other, seen);
    expect(b.target.name).toBe('b');
    expect(b.facts['host.sshd']).toBe(a.facts['host.sshd']);
    expect(b.facts['host.accounts']).toBe(a.facts['host.accounts']);
    expect(b.facts).toEqual(a.facts);
    expect(c.facts['host.sshd']).toEqual({ ok: false, reason: 'sshd is not installed.' });
    expect(c.facts['host.accounts']).toBe(a.facts['host.accounts']);
  });
});

describe('Function: ssmHostCollector (a command ListCommands does not show)', () => {
  it('pages its invocations every fifth round instead of never', async () => {
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [online(idOf(1))] });
    ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssmMock.on(ListCommandsCommand).resolves({ Commands: [] });
    ssmMock.on(ListCommandInvocationsCommand).resolves({ CommandInvocations: [success(idOf(1))] });
    const { col, sleeps } = collector();
    const out = await col.collect({ reporter });
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandsCommand, 5);
    expect(ssmMock).toHaveReceivedCommandTimes(ListCommandInvocationsCommand, 1);
    expect(sleeps).toHaveLength(4);
    expect(out.facts.map((f) => f.target.name)).toEqual([idOf(1)]);
  });
});
