/**
 * Every node may write under the SSM output prefix: the runner must never let one node's S3 object speak for
 * another. The API's copy of each invocation's output (2,500 characters, from SSM) carries the probe's header line,
 * and the S3 copy is used only when it is the object SSM names for that invocation and matches that header.
 */
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
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { hostChecks } from '../../checks/host';
import { runProbe } from '../../src/collectors/host/local';
import { HOST_FACT_KEYS } from '../../src/collectors/host/parse-probe';
import { isInvocationKey, PROBE_STEP_NAME, ssmHostCollector } from '../../src/collectors/host/ssm';
import type { Reporter } from '../../src/collectors/types';
import { evaluateTarget } from '../../src/core/engine';
import type { Fact, TargetFacts } from '../../src/core/model';
import { makeRoot, workerNode } from './make-root';
import { pathWithout, probeWithPath } from './probe-env';

const creds = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
const ssm = new SSMClient(creds);
const s3 = new S3Client(creds);
const ssmMock = mockClient(ssm);
const s3Mock = mockClient(s3);

const A = 'i-0000000000000000a';
const B = 'i-0000000000000000b';
const now = new Date('2026-11-30T00:00:00Z');
/** Node A lets root log in; node B is hardened (and compromised: it writes where it likes). */
let outA = '';
let outB = '';
let outANoSha = '';
const roots: string[] = [];
const SSHD_A =
  'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nMaxAuthTries 3\n' +
  'Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-ctr\n';

/** Settings enough to make the output longer than the 2,500 characters the SSM API returns. */
const DROP_INS = {
  '50-hardening.conf': Array.from(
    { length: 12 },
    (_, i) => `# policy ${i}\nAllowGroups wheel ssh-users team${i}\n`,
  ).join(''),
  '60-timeouts.conf': 'ClientAliveInterval 300\nClientAliveCountMax 2\nLoginGraceTime 30\nMaxSessions 4\n'.repeat(4),
};

beforeAll(async () => {
  const a = makeRoot('node-a', workerNode({ sshd: SSHD_A, dropIns: DROP_INS }).files);
  const b = makeRoot('node-b', workerNode({ dropIns: DROP_INS }).files);
  roots.push(a, b);
  outA = (await runProbe(a)).stdout;
  outB = (await runProbe(b)).stdout;
  const tools = pathWithout(['sha256sum', 'openssl']);
  try {
    outANoSha = probeWithPath(a, tools.path).stdout;
  } finally {
    tools.remove();
  }
  expect(outA.length).toBeGreaterThan(3000);
  expect(outANoSha.split('\n')[0]).toMatch(/ sha256=none$/);
  expect(outANoSha.length).toBeGreaterThan(1000);
});
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});
beforeEach(() => {
  ssmMock.reset();
  s3Mock.reset();
});

const keyOf = (id: string) => `ssm-output/cmd-1/${id}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`;
const body = (text: string) => ({ transformToString: async () => text }) as never;

function success(id: string, apiCopy: string, key = keyOf(id)): CommandInvocation {
  return {
    CommandId: 'cmd-1',
    InstanceId: id,
    Status: 'Success',
    StatusDetails: 'Success',
    CommandPlugins: [
      {
        Name: PROBE_STEP_NAME,
        Status: 'Success',
        Output: apiCopy,
        OutputS3BucketName: 'out-bucket',
        StandardOutputUrl: `https://s3.eu-west-1.amazonaws.com/out-bucket/${key}`,
      },
    ],
  };
}

/** Runs the collector over invocations and S3 objects by key; returns the facts by node and the warnings. */
async function collect(
  invocations: CommandInvocation[],
  objects: Record<string, string>,
  extra: { outputBucket?: string } = { outputBucket: 'out-bucket' },
): Promise<{ byNode: Map<string, TargetFacts>; warnings: string[] }> {
  ssmMock.on(DescribeInstanceInformationCommand).resolves({
    InstanceInformationList: invocations.map((i) => ({ InstanceId: i.InstanceId, PingStatus: 'Online' })),
  });
  ssmMock.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
  ssmMock.on(ListCommandInvocationsCommand).resolves({ CommandInvocations: invocations });
  s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    if (!(input.Key in objects))
      throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    return { Body: body(objects[input.Key]) };
  });
  const warnings: string[] = [];
  // Only the warnings about a node (not the polling notes).
  const reporter: Reporter = { progress: () => {}, warn: (m) => m.includes(': i-') && warnings.push(m) };
  const out = await ssmHostCollector({
    name: 'workers',
    ssm,
    s3,
    group: { tags: { role: ['worker'] }, maxConcurrency: '10', maxErrors: '0', timeoutSeconds: 600 },
    documentName: 'ComplianceBot-HostProbe',
    outputPrefix: 'ssm-output/',
    sleep: async () => {},
    random: () => 0.5,
    ...extra,
  }).collect({ reporter });
  expect(out.unreachable).toEqual([]);
  return { byNode: new Map(out.facts.map((f) => [f.target.name, f])), warnings };
}

function reasons(tf: TargetFacts | undefined): string[] {
  return HOST_FACT_KEYS.map((k) => {
    const f = tf?.facts[k] as Fact<unknown> | undefined;
    return f && !f.ok ? f.reason : 'ok';
  });
}
const rootLogin = (tf: TargetFacts | undefined) =>
  tf && evaluateTarget(hostChecks, tf, { now }).find((r) => r.checkId === 'host.ssh.root-login-disabled')?.status;

describe('Function: ssmHostCollector, output integrity', () => {
  it('reads a truncated API copy plus a matching S3 copy, without a warning', async () => {
    const { byNode, warnings } = await collect([success(A, outA.slice(0, 2500)), success(B, outB.slice(0, 2500))], {
      [keyOf(A)]: outA,
      [keyOf(B)]: outB,
    });
    expect(reasons(byNode.get(A)).every((r) => r === 'ok')).toBe(true);
    expect(rootLogin(byNode.get(A))).toBe('fail');
    expect(rootLogin(byNode.get(B))).toBe('pass');
    expect(warnings).toEqual([]);
  });

  it("never takes node B's output planted under node A's key: A is unknown, with a warning", async () => {
    const { byNode, warnings } = await collect([success(A, outA.slice(0, 2500)), success(B, outB.slice(0, 2500))], {
      [keyOf(A)]: outB,
      [keyOf(B)]: outB,
    });
    for (const r of reasons(byNode.get(A)))
      expect(r).toBe(
        `output in S3 does not match what SSM reported for this invocation (its header line differs): s3://out-bucket/${keyOf(A)}; not used`,
      );
    expect(rootLogin(byNode.get(A))).toBe('unknown');
    expect(rootLogin(byNode.get(B))).toBe('pass');
    expect(warnings).toEqual([
      `workers: ${A}: output in S3 does not match what SSM reported for this invocation (its header line differs): s3://out-bucket/${keyOf(A)}`,
    ]);
  });

  it("never takes a tampered document under A's own header (same length), nor B's document under A's header", async () => {
    const header = outA.slice(0, outA.indexOf('\n') + 1);
    const tampered = outA.replace('PermitRootLogin yes', 'PermitRootLogin no ');
    expect(tampered.length).toBe(outA.length);
    for (const planted of [tampered, header + outB.slice(outB.indexOf('\n') + 1)]) {
      const { byNode, warnings } = await collect([success(A, outA.slice(0, 2500))], { [keyOf(A)]: planted });
      for (const r of reasons(byNode.get(A)))
        expect(r).toMatch(
          /^output in S3 does not match what SSM reported for this invocation \((the document|more follows)/,
        );
      expect(rootLogin(byNode.get(A))).toBe('unknown');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('output in S3 does not match what SSM reported for this invocation');
    }
  });

  it('makes A unknown when its S3 object has no header (the header cut off), or more after the document', async () => {
    const document = outA.slice(outA.indexOf('\n') + 1);
    for (const planted of [document, `${outA}PermitRootLogin no\n`]) {
      const { byNode, warnings } = await collect([success(A, outA.slice(0, 2500))], { [keyOf(A)]: planted });
      for (const r of reasons(byNode.get(A)))
        expect(r).toMatch(/^output in S3 does not match what SSM reported for this invocation/);
      expect(warnings).toHaveLength(1);
    }
  });

  it('makes A unknown, reading nothing from S3, when the API copy has no header line', async () => {
    const document = outA.slice(outA.indexOf('\n') + 1);
    const { byNode } = await collect([success(A, document.slice(0, 2500))], { [keyOf(A)]: outA });
    for (const r of reasons(byNode.get(A))) expect(r).toMatch(/^the host probe output is not a probe document \(no/);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
  });

  it('never reads an S3 object that SSM did not name for this instance and command', async () => {
    const { byNode, warnings } = await collect([success(A, outA.slice(0, 2500), keyOf(B))], {
      [keyOf(B)]: outA,
    });
    for (const r of reasons(byNode.get(A)))
      expect(r).toContain(`(the key does not name command cmd-1 on ${A}): s3://out-bucket/${keyOf(B)}`);
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
    expect(warnings).toHaveLength(1);
  });

  it('makes A unknown when the node has no sha256 tool and only S3 holds the full output, saying so', async () => {
    const { byNode, warnings } = await collect([success(A, outANoSha.slice(0, 1000))], { [keyOf(A)]: outANoSha });
    for (const r of reasons(byNode.get(A))) {
      expect(r).toMatch(/^the host probe output SSM reported is truncated \(\d+ of \d+ bytes\)/);
      expect(r).toContain('the node has neither sha256sum nor openssl');
    }
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
    expect(warnings).toHaveLength(1);
  });

  it('reads a complete API copy without a digest (SSM reported it for this invocation)', async () => {
    const { byNode } = await collect([success(A, outANoSha)], {});
    expect(rootLogin(byNode.get(A))).toBe('fail');
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 0);
  });

  it('makes A unknown when its complete API copy does not match its own header', async () => {
    const { byNode, warnings } = await collect(
      [success(A, outA.replace('PermitRootLogin yes', 'PermitRootLogin no '))],
      {},
    );
    for (const r of reasons(byNode.get(A))) expect(r).toMatch(/^the output SSM reported does not match its own header/);
    expect(warnings).toHaveLength(1);
  });

  it('without S3, checks the GetCommandInvocation copy against the header the API copy carries', async () => {
    ssmMock.on(GetCommandInvocationCommand).resolves({ StandardOutputContent: outB, Status: 'Success' });
    const { byNode, warnings } = await collect([success(A, outA.slice(0, 2500))], {}, { outputBucket: undefined });
    for (const r of reasons(byNode.get(A)))
      expect(r).toMatch(/^the output GetCommandInvocation returned does not match what SSM reported/);
    expect(warnings).toHaveLength(1);
  });
});

describe('Function: isInvocationKey', () => {
  it('accepts only the stdout key of the probe step of that command on that instance', () => {
    expect(isInvocationKey(keyOf(A), 'cmd-1', A)).toBe(true);
    expect(isInvocationKey(`cmd-1/${A}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`, 'cmd-1', A)).toBe(true);
    expect(isInvocationKey(keyOf(B), 'cmd-1', A)).toBe(false);
    expect(isInvocationKey(keyOf(A), 'cmd-2', A)).toBe(false);
    expect(isInvocationKey(`ssm-output/xcmd-1/${A}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`, 'cmd-1', A)).toBe(
      false,
    );
    expect(isInvocationKey(keyOf(A).replace('stdout', 'stderr'), 'cmd-1', A)).toBe(false);
    expect(isInvocationKey(keyOf(A), '', A)).toBe(false);
    expect(isInvocationKey(keyOf(A), 'cmd-1', `../${A}`)).toBe(false);
  });
});
