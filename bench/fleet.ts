/**
 * The fleet phase: the SSM runner (src/collectors/host/ssm.ts) against a simulated SSM and S3 (aws-sdk-client-mock)
 * that behave like the real services where it matters for cost:
 * - DescribeInstanceInformation pages of 50; 1% of the nodes offline (ConnectionLost).
 * - SendCommand by tag fans out to every tagged node; SSM runs MaxConcurrency (default 10%) at a time, each probe
 *   taking 4 to 12 s; invocations are Pending, then InProgress, then Success (0.5% Failed); offline nodes stay
 *   Pending until TimeoutSeconds, then end DeliveryTimedOut.
 * - ListCommands: the command's Status, TargetCount and CompletedCount (offline nodes count as not completed until
 *   their DeliveryTimedOut, as in SSM, so the command stays InProgress for TimeoutSeconds).
 * - ListCommandInvocations (Details) pages of 50 with plugin Output truncated at 2,500 characters, so the full
 *   output comes from S3 (GetObject on the StandardOutputUrl key).
 * - Latency per call (SSM 15-40 ms, S3 10-30 ms) and throttling (2% of SSM calls, ThrottlingException).
 *
 * Time is virtual: each call advances a simulated clock by its latency and the runner's sleeps advance it by their
 * length without waiting, so 10,000 hosts run in seconds while `simulatedMs` says how long the real run would take
 * (exact for a runner that awaits one call at a time, as this one does; an upper bound otherwise). The runner sees
 * a 15-minute Lambda budget on that clock. Calls are counted against the minimum: one SendCommand, the
 * DescribeInstanceInformation and ListCommandInvocations pages of one pass, and one S3 read per host whose output
 * does not fit the API's 2,500 characters.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  type CommandInvocation,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  type InstanceInformation,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../checks';
import { PROBE_STEP_NAME, ssmHostCollector } from '../src/collectors/host/ssm';
import { silentReporter } from '../src/collectors/types';
import { evaluateTarget } from '../src/core/engine';
import { instanceIdOf, isControlPlane, probeOutput } from './gen/fleet';
import { Rng } from './gen/rng';
import { type Measurement, Stopwatch } from './lib/measure';

const PAGE = 50;
const INLINE_OUTPUT = 2500;
const LAMBDA_MS = 15 * 60_000;
const BUCKET = 'compliance-bot-ssm-output';
const PREFIX = 'ssm-output';

class Throttled extends Error {
  override name = 'ThrottlingException';
  readonly $metadata = { httpStatusCode: 400 };
}

export async function measureFleet(a: Record<string, unknown>): Promise<Measurement> {
  const hosts = Number(a.hosts);
  const seed = Number(a.seed ?? 42);
  const throttleRate = Number(a.throttleRate ?? 0.02);
  const concurrency = String(a.maxConcurrency ?? '10%');
  const timeoutSeconds = Number(a.timeoutSeconds ?? 600);
  const rng = new Rng(seed);
  let vnow = 0;
  const latency = (min: number, max: number) => {
    vnow += min + rng.next() * (max - min);
  };
  const counts: Record<string, number> = {};
  let resetScheduled = false;
  /** Counts the call (throttled ones too) and drops the mock's own history, which would hold every response. */
  const count = (api: string) => {
    counts[api] = (counts[api] ?? 0) + 1;
    if (resetScheduled) return;
    resetScheduled = true;
    // Sinon cannot reset a stub while it runs: right after.
    setImmediate(() => {
      resetScheduled = false;
      ssmMock.resetHistory();
      s3Mock.resetHistory();
    });
  };
  const ssmLatency = () => latency(15, 40);
  const maybeThrottle = () => {
    if (rng.chance(throttleRate)) throw new Throttled('Rate exceeded');
  };

  // The fleet.
  const ids = Array.from({ length: hosts }, (_, i) => instanceIdOf(i));
  const index = new Map(ids.map((id, i) => [id, i]));
  const offline = new Set(ids.filter(() => rng.chance(0.01)));
  const failed = new Set(ids.filter((id) => !offline.has(id) && rng.chance(0.005)));
  const inline = new Map<string, string>();
  let needS3 = 0;
  for (const [i, id] of ids.entries()) {
    if (offline.has(id) || failed.has(id)) continue;
    const out = probeOutput(i, seed, isControlPlane(i)).output;
    inline.set(id, out.slice(0, INLINE_OUTPUT));
    if (out.length > INLINE_OUTPUT) needS3++;
  }

  // SSM's schedule after SendCommand: MaxConcurrency at a time.
  const perWave = concurrency.endsWith('%')
    ? Math.max(1, Math.ceil((hosts * Number(concurrency.slice(0, -1))) / 100))
    : Math.max(1, Number(concurrency));
  let sentAt: number | undefined;
  const commandId = 'c0ffee00-0000-4000-8000-000000000001';
  const schedule = new Map<string, { start: number; end: number }>();
  const planSchedule = () => {
    let k = 0;
    for (const id of ids) {
      if (offline.has(id)) continue;
      const wave = Math.floor(k++ / perWave);
      const start = sentAt! + 1000 + wave * 12_000 + rng.int(0, 2000);
      schedule.set(id, { start, end: start + rng.int(4000, 12_000) });
    }
  };
  const invocation = (id: string): CommandInvocation => {
    const s = schedule.get(id);
    const base = { CommandId: commandId, InstanceId: id, DocumentName: 'ComplianceBot-HostProbe' };
    if (!s) {
      return vnow - sentAt! >= timeoutSeconds * 1000
        ? { ...base, Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', CommandPlugins: [] }
        : { ...base, Status: 'Pending', StatusDetails: 'Pending', CommandPlugins: [] };
    }
    if (vnow < s.start) return { ...base, Status: 'Pending', StatusDetails: 'Pending', CommandPlugins: [] };
    if (vnow < s.end) return { ...base, Status: 'InProgress', StatusDetails: 'InProgress', CommandPlugins: [] };
    const ok = !failed.has(id);
    const keyPrefix = `${PREFIX}/${commandId}/${id}/awsrunShellScript`;
    return {
      ...base,
      Status: ok ? 'Success' : 'Failed',
      StatusDetails: ok ? 'Success' : 'Failed',
      CommandPlugins: [
        {
          Name: PROBE_STEP_NAME,
          Status: ok ? 'Success' : 'Failed',
          StatusDetails: ok ? 'Success' : 'Failed',
          ResponseCode: ok ? 0 : 1,
          Output: ok ? inline.get(id) : 'sh: probe failed\n',
          OutputS3BucketName: BUCKET,
          OutputS3KeyPrefix: keyPrefix,
          StandardOutputUrl: `https://s3.eu-west-1.amazonaws.com/${BUCKET}/${keyPrefix}/${PROBE_STEP_NAME}/stdout`,
        },
      ],
    };
  };
  const token = (n: number) => Buffer.from(String(n)).toString('base64');
  const offset = (t?: string) => (t ? Number(Buffer.from(t, 'base64').toString()) : 0);

  const ssm = new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const ssmMock = mockClient(ssm);
  const s3Mock = mockClient(s3);
  ssmMock.on(DescribeInstanceInformationCommand).callsFake(async (input: { NextToken?: string }) => {
    count('DescribeInstanceInformation');
    ssmLatency();
    maybeThrottle();
    const from = offset(input.NextToken);
    const list: InstanceInformation[] = ids.slice(from, from + PAGE).map((id) => ({
      InstanceId: id,
      PingStatus: offline.has(id) ? 'ConnectionLost' : 'Online',
      PlatformType: 'Linux',
      PlatformName: 'Amazon Linux',
      LastPingDateTime: new Date(Date.UTC(2026, 10, 30, 1, 59)),
      ComputerName: `host-${index.get(id)}`,
    }));
    return { InstanceInformationList: list, ...(from + PAGE < ids.length ? { NextToken: token(from + PAGE) } : {}) };
  });
  ssmMock.on(SendCommandCommand).callsFake(async () => {
    count('SendCommand');
    ssmLatency();
    maybeThrottle();
    sentAt = vnow;
    planSchedule();
    return { Command: { CommandId: commandId, Status: 'Pending', TargetCount: hosts } };
  });
  ssmMock.on(ListCommandInvocationsCommand).callsFake(async (input: { NextToken?: string }) => {
    count('ListCommandInvocations');
    ssmLatency();
    maybeThrottle();
    const from = offset(input.NextToken);
    return {
      CommandInvocations: ids.slice(from, from + PAGE).map(invocation),
      ...(from + PAGE < ids.length ? { NextToken: token(from + PAGE) } : {}),
    };
  });
  ssmMock.on(ListCommandsCommand).callsFake(async () => {
    count('ListCommands');
    ssmLatency();
    maybeThrottle();
    const states = ids.map((id) => invocation(id).Status);
    const completed = states.filter((s) => s !== 'Pending' && s !== 'InProgress').length;
    return {
      Commands: [
        {
          CommandId: commandId,
          Status: completed === hosts ? 'Success' : 'InProgress',
          TargetCount: hosts,
          CompletedCount: completed,
          ErrorCount: states.filter((s) => s === 'Failed').length,
        },
      ],
    };
  });
  ssmMock.on(GetCommandInvocationCommand).callsFake(async () => {
    count('GetCommandInvocation');
    ssmLatency();
    throw new Error('the bench expects output from S3, not GetCommandInvocation');
  });
  s3Mock.on(GetObjectCommand).callsFake(async (input: { Key?: string }) => {
    count('GetObject');
    latency(10, 30);
    const id = /\/(i-[0-9a-f]+)\/awsrunShellScript\//.exec(input.Key ?? '')?.[1];
    const i = id === undefined ? undefined : index.get(id);
    if (i === undefined) {
      const err = new Error('The specified key does not exist.');
      err.name = 'NoSuchKey';
      throw err;
    }
    const text = probeOutput(i, seed, isControlPlane(i)).output;
    return { Body: { transformToString: async () => text } };
  });

  const collector = ssmHostCollector({
    name: 'bench-fleet',
    ssm,
    s3,
    group: { tags: { 'compliance-bot': ['scan'] }, maxConcurrency: concurrency, maxErrors: '10%', timeoutSeconds },
    documentName: 'ComplianceBot-HostProbe',
    outputBucket: BUCKET,
    outputPrefix: `${PREFIX}/`,
    remainingMs: () => LAMBDA_MS - vnow,
    sleep: async (ms) => {
      vnow += ms;
      await new Promise((r) => setImmediate(r));
    },
    random: () => rng.next(),
  });

  const sw = new Stopwatch();
  const out = await sw.step('collect', () => collector.collect({ reporter: silentReporter }));
  const now = new Date('2026-11-30T02:00:00.000Z');
  const results = await sw.step('evaluate', () => out.facts.flatMap((tf) => evaluateTarget(checks, tf, { now })));
  const calls = Object.values(counts).reduce((x, y) => x + y, 0);
  const minimumCalls = 1 + 2 * Math.ceil(hosts / PAGE) + needS3;
  const reasons: Record<string, number> = {};
  for (const u of out.unreachable) {
    const r = u.reason
      .replace(/i-[0-9a-f]+/g, 'ID')
      .replace(/\(last seen [^)]*\)/, '')
      .slice(0, 80);
    reasons[r] = (reasons[r] ?? 0) + 1;
  }
  const failedFacts = out.facts.filter((tf) => Object.values(tf.facts).some((f) => f && !f.ok)).length;
  return sw.result({
    apiCalls: calls,
    extra: {
      minimumCalls,
      callsByApi: counts,
      simulatedMs: Math.round(vnow),
      lambdaBudgetMs: LAMBDA_MS,
      hostsWithFacts: out.facts.length,
      hostsWithAFailedFact: failedFacts,
      unreachable: out.unreachable.length,
      unreachableReasons: reasons,
      offline: offline.size,
      failedInvocations: failed.size,
      s3ReadsNeeded: needS3,
      results: results.length,
    },
  });
}
