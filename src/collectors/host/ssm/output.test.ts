/**
 * The output reader alone: which copy of an invocation's output it trusts. The API copy comes from SSM; the S3
 * copy is used only under the key SSM names for the invocation and when it matches the API copy's header.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type CommandInvocation, GetCommandInvocationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { Fact, TargetFacts } from '../../../core/model';
import { frameProbeDocument } from '../probe-output';
import { ThrottledCalls } from './calls';
import { Deadline } from './deadline';
import { PROBE_STEP_NAME } from './document';
import { OutputReader, s3KeyFor } from './output';
import type { Unreachable } from './types';

const creds = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
const ssm = new SSMClient(creds);
const s3 = new S3Client(creds);
const ssmMock = mockClient(ssm);
const s3Mock = mockClient(s3);
beforeEach(() => {
  ssmMock.reset();
  s3Mock.reset();
});

const A = 'i-0000000000000000a';
const B = 'i-0000000000000000b';
const keyOf = (id: string) => `ssm-output/cmd-1/${id}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`;
/** A framed document longer than the API copy's 2,500 characters. */
const framed = (filler: string) =>
  frameProbeDocument(JSON.stringify({ probe: 'compliance-bot-host', filler: filler.repeat(3000), end: true }));
const outA = framed('a');
const body = (text: string) => ({ transformToString: async () => text }) as never;

function invocation(id: string, output: string, key = keyOf(id)): CommandInvocation {
  return {
    CommandId: 'cmd-1',
    InstanceId: id,
    CommandPlugins: [
      {
        Name: PROBE_STEP_NAME,
        Output: output,
        OutputS3BucketName: 'out-bucket',
        StandardOutputUrl: `https://s3.eu-west-1.amazonaws.com/out-bucket/${key}`,
      },
    ],
  };
}

function reader(o: { budgetMs?: number; withS3?: boolean; concurrency?: number } = {}) {
  const warnings: string[] = [];
  const unreachable: Unreachable[] = [];
  const deadline = new Deadline({ remainingMs: () => o.budgetMs ?? 600_000, marginMs: 0, sleep: async () => {} });
  const calls = new ThrottledCalls(deadline, { maxAttempts: 3, random: () => 0.5, warn: () => {} });
  const r = new OutputReader({
    ssm,
    s3: o.withS3 === false ? undefined : { client: s3, bucket: 'out-bucket' },
    prefix: 'ssm-output',
    calls,
    deadline,
    concurrency: o.concurrency ?? 16,
    onUnreachable: (u) => unreachable.push(u),
    warn: (m) => warnings.push(m),
  });
  return { r, warnings, unreachable };
}

/** The one reason every fact gives, or 'parsed' when the document's own facts came through. */
function reasonOf(tf: TargetFacts): string {
  const reasons = new Set(
    Object.values(tf.facts).map((f) => {
      const fact = f as Fact<unknown>;
      return fact.ok ? 'ok' : fact.reason;
    }),
  );
  return reasons.size === 1 ? [...reasons][0] : 'parsed';
}

describe('Class: OutputReader, verification', () => {
  it('takes a complete API copy that matches its header, reading nothing else', async () => {
    const small = frameProbeDocument('{"probe":"compliance-bot-host","end":true}');
    const { r, warnings } = reader();
    const tf = await r.read(A, invocation(A, small));
    expect(reasonOf(tf)).not.toMatch(/not used|does not match/);
    expect(warnings).toEqual([]);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
  });

  it('reads the S3 copy under the key SSM names for the invocation, and uses it when it matches the header', async () => {
    s3Mock.on(GetObjectCommand, { Bucket: 'out-bucket', Key: keyOf(A) }).resolves({ Body: body(outA) });
    const { r, warnings } = reader();
    const tf = await r.read(A, invocation(A, outA.slice(0, 2500)));
    expect(reasonOf(tf)).not.toMatch(/not used|does not match/);
    expect(warnings).toEqual([]);
  });

  it("never takes another node's output: a key naming another instance is not read", async () => {
    const { r, warnings } = reader();
    const tf = await r.read(A, invocation(A, outA.slice(0, 2500), keyOf(B)));
    expect(reasonOf(tf)).toBe(
      `output in S3 does not match what SSM reported for this invocation (the key does not name command cmd-1 on ${A}): s3://out-bucket/${keyOf(B)}; not used`,
    );
    expect(warnings).toHaveLength(1);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
  });

  it('never takes an S3 copy whose header differs from the API copy', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body(framed('b')) });
    const { r } = reader();
    const tf = await r.read(A, invocation(A, outA.slice(0, 2500)));
    expect(reasonOf(tf)).toMatch(/\(its header line differs\).*; not used$/);
  });

  it('does not use a truncated output whose header has no digest, and reads nothing', async () => {
    const noSha = frameProbeDocument(outA.slice(outA.indexOf('\n') + 1, -1), {
      sha256: false,
    });
    const { r, warnings } = reader();
    const tf = await r.read(A, invocation(A, noSha.slice(0, 2500)));
    expect(reasonOf(tf)).toMatch(/neither sha256sum nor openssl/);
    expect(warnings).toHaveLength(1);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
  });

  it('reads nothing once the budget is spent: every fact unknown, saying so', async () => {
    const { r } = reader({ budgetMs: 0 });
    const tf = await r.read(A, invocation(A, outA.slice(0, 2500)));
    expect(reasonOf(tf)).toMatch(/could not be read from .* \(the scan ran out of time\)$/);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
  });

  it('without S3, checks the GetCommandInvocation copy against the header SSM reported', async () => {
    ssmMock.on(GetCommandInvocationCommand).resolves({ StandardOutputContent: framed('b') });
    const { r } = reader({ withS3: false });
    const tf = await r.read(A, invocation(A, outA.slice(0, 2500)));
    expect(reasonOf(tf)).toMatch(/GetCommandInvocation returned does not match .*another header line/);
  });
});

describe('Class: OutputReader, pool', () => {
  it('reads at most `concurrency` outputs at once; add waits for a free reader; facts keep their order', async () => {
    const release: (() => void)[] = [];
    s3Mock
      .on(GetObjectCommand)
      .callsFake(() => new Promise((resolve) => release.push(() => resolve({ Body: body(outA) }))));
    const { r } = reader({ concurrency: 2 });
    const inv = invocation(A, outA.slice(0, 2500));
    await r.add(A, inv, 'cmd-1');
    await r.add(A, inv, 'cmd-1');
    let third = false;
    const adding = r.add(A, inv, 'cmd-1').then(() => {
      third = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    expect(release).toHaveLength(2);
    release.shift()?.();
    await adding;
    expect(third).toBe(true);
    while (release.length < 2) await new Promise((resolve) => setImmediate(resolve));
    for (const go of release.splice(0)) go();
    await r.drain();
    expect(r.facts()).toHaveLength(3);
  });

  it('a failed S3 read leaves every fact unknown with both reasons, and the node still has its place', async () => {
    s3Mock.on(GetObjectCommand).resolves({
      Body: { transformToString: () => Promise.reject(new Error('connection reset')) } as never,
    });
    const { r, unreachable } = reader();
    await r.add(A, invocation(A, outA.slice(0, 2500)), 'cmd-1');
    await r.drain();
    expect(r.facts()).toHaveLength(1);
    expect(reasonOf(r.facts()[0])).toMatch(
      /is truncated .*could not be read from s3:\/\/out-bucket\/.*\(Error: connection reset\)$/,
    );
    expect(unreachable).toEqual([]);
  });
});

describe('Function: s3KeyFor', () => {
  it('takes the key from a path-style or virtual-hosted URL, else the plugin prefix, else the documented layout', () => {
    expect(
      s3KeyFor('p', 'c', A, undefined, `https://s3.eu-west-1.amazonaws.com/out-bucket/${keyOf(A)}`, 'out-bucket'),
    ).toBe(keyOf(A));
    expect(
      s3KeyFor('p', 'c', A, undefined, `https://out-bucket.s3.eu-west-1.amazonaws.com/${keyOf(A)}`, 'out-bucket'),
    ).toBe(keyOf(A));
    expect(s3KeyFor('p', 'c', A, 'pre/c/i/awsrunShellScript/')).toBe(
      `pre/c/i/awsrunShellScript/${PROBE_STEP_NAME}/stdout`,
    );
    expect(s3KeyFor('p', 'c', A)).toBe(`p/c/${A}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`);
  });
});
