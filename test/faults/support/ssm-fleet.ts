/**
 * A simulated SSM fleet behind aws-sdk-client-mock (no SSM server exists to run locally): managed nodes that
 * answer, fail delivery, time out or never answer; bursts of ThrottlingException on any call; the probe's output in
 * S3 (present, missing) and in the API (truncated at 2,500 characters as ListCommandInvocations truncates it).
 * A virtual clock: the collector's sleeps advance it, so deadlines are reached without waiting.
 */
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
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
import { PROBE_STEP_NAME, ssmHostCollector } from '../../../src/collectors/host/ssm';
import type { FleetCollector } from '../../../src/collectors/types';

export type NodeBehaviour = 'ok' | 'undeliverable' | 'timed-out' | 'silent' | 's3-missing' | 'offline';

export interface FleetOptions {
  nodes: Record<string, NodeBehaviour>;
  /** The probe's full output (what S3 holds). */
  output: string;
  /** ThrottlingException bursts: how many of the next calls of each kind are throttled. */
  throttle?: Partial<Record<'describe' | 'send' | 'list' | 'getObject', number>>;
  /** Full output in S3 (default true): false = no output bucket configured. */
  withS3?: boolean;
  /** The Lambda's time budget in virtual milliseconds (default 10 minutes). */
  budgetMs?: number;
  /**
   * Where the API cuts the output (ListCommandInvocations: 2,500 characters). The demo node prints about 2.4 KB
   * where real nodes print tens of KB, so scenarios cut it shorter to keep the API copy truncated, as in production.
   */
  apiLimit?: number;
  /**
   * Instead of a remaining-time function, abort this signal once the virtual clock passes this many milliseconds
   * (what the nightly handler does: an AbortSignal at the end of its budget).
   */
  abortAtMs?: number;
  /** Polls before the answering nodes answer (default 1). */
  pollsBeforeDone?: number;
  /** What the probe printed on some nodes instead of `output` (empty, cut short…), in S3 and in the API alike. */
  outputs?: Record<string, string>;
  /** What S3 holds for some nodes when it is not what the node printed (a stale or another node's object). */
  s3Outputs?: Record<string, string>;
}

const creds = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };

function throttled(): SSMServiceException {
  return new SSMServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Rate exceeded',
  });
}

export class SimulatedFleet {
  readonly ssm = new SSMClient(creds);
  readonly s3 = new S3Client(creds);
  readonly ssmMock = mockClient(this.ssm);
  readonly s3Mock = mockClient(this.s3);
  now = 0;
  readonly sleeps: number[] = [];
  readonly abort = new AbortController();
  throttles = 0;
  private polls = 0;

  constructor(readonly opts: FleetOptions) {
    const budget = opts.budgetMs ?? 600_000;
    const burst = { describe: 0, send: 0, list: 0, getObject: 0, ...opts.throttle };
    const maybeThrottle = (k: keyof typeof burst) => {
      if (burst[k] > 0) {
        burst[k]--;
        this.throttles++;
        throw throttled();
      }
    };
    const ids = Object.keys(opts.nodes);
    this.ssmMock.on(DescribeInstanceInformationCommand).callsFake(() => {
      maybeThrottle('describe');
      return {
        InstanceInformationList: ids.map((id) => ({
          InstanceId: id,
          PlatformType: 'Linux',
          PingStatus: opts.nodes[id] === 'offline' ? 'ConnectionLost' : 'Online',
        })),
      };
    });
    this.ssmMock.on(SendCommandCommand).callsFake(() => {
      maybeThrottle('send');
      return { Command: { CommandId: 'cmd-1' } };
    });
    this.ssmMock.on(ListCommandInvocationsCommand).callsFake(() => {
      maybeThrottle('list');
      this.polls++;
      const ready = this.polls > (opts.pollsBeforeDone ?? 1);
      const invocations: CommandInvocation[] = ids
        .filter((id) => opts.nodes[id] !== 'offline')
        .map((id) => this.invocation(id, opts.nodes[id], ready));
      return { CommandInvocations: invocations };
    });
    this.ssmMock.on(GetCommandInvocationCommand).callsFake((input: { InstanceId?: string }) => ({
      // Without S3 the API gives at most 24,000 characters: a truncated copy of a larger output.
      StandardOutputContent: this.outputOf(input.InstanceId ?? '').slice(
        0,
        Math.min(24_000, (opts.apiLimit ?? 2500) * 1.5),
      ),
    }));
    this.s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => {
      maybeThrottle('getObject');
      const id = ids.find((i) => input.Key.includes(`/${i}/`));
      if (!id || opts.nodes[id] === 's3-missing') {
        throw new S3ServiceException({
          name: 'NoSuchKey',
          $fault: 'client',
          $metadata: { httpStatusCode: 404 },
          message: 'The specified key does not exist.',
        });
      }
      const body = opts.s3Outputs?.[id] ?? this.outputOf(id);
      return { Body: { transformToString: async () => body } as never };
    });
    this.budget = budget;
  }

  private readonly budget: number;

  /** What the probe printed on this node. */
  outputOf(id: string): string {
    return this.opts.outputs?.[id] ?? this.opts.output;
  }

  private invocation(id: string, b: NodeBehaviour, ready: boolean): CommandInvocation {
    const base = { CommandId: 'cmd-1', InstanceId: id };
    if (!ready || b === 'silent') return { ...base, Status: 'InProgress', StatusDetails: 'InProgress' };
    if (b === 'undeliverable') return { ...base, Status: 'Failed', StatusDetails: 'Undeliverable' };
    if (b === 'timed-out') return { ...base, Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut' };
    return {
      ...base,
      Status: 'Success',
      StatusDetails: 'Success',
      CommandPlugins: [
        {
          Name: PROBE_STEP_NAME,
          Status: 'Success',
          Output: this.outputOf(id).slice(0, this.opts.apiLimit ?? 2500),
          ...(this.opts.withS3 === false
            ? {}
            : {
                OutputS3BucketName: 'out-bucket',
                StandardOutputUrl: `https://s3.eu-west-1.amazonaws.com/out-bucket/ssm-output/cmd-1/${id}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`,
              }),
        },
      ],
    };
  }

  collector(name = 'workers'): FleetCollector {
    return ssmHostCollector({
      name,
      ssm: this.ssm,
      s3: this.s3,
      group: { tags: { role: ['worker'] }, maxConcurrency: '10%', maxErrors: '100%', timeoutSeconds: 600 },
      documentName: 'ComplianceBot-HostProbe',
      ...(this.opts.withS3 === false ? {} : { outputBucket: 'out-bucket', outputPrefix: 'ssm-output/' }),
      ...(this.opts.abortAtMs === undefined ? { remainingMs: () => this.budget - this.now } : {}),
      safetyMarginMs: 20_000,
      pollMs: 2_000,
      maxPollMs: 15_000,
      sleep: async (ms) => {
        this.sleeps.push(ms);
        this.now += ms;
        if (this.opts.abortAtMs !== undefined && this.now >= this.opts.abortAtMs) this.abort.abort();
      },
      random: () => 0.5,
    });
  }

  restore(): void {
    this.ssmMock.restore();
    this.s3Mock.restore();
  }
}
