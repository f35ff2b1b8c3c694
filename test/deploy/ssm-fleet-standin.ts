/**
 * SSM, EC2 and IAM for the production handlers in a test: every client of those classes, wherever the handler builds
 * it, answers from here (aws-sdk-client-mock on the class; no SSM server exists to run locally).
 *
 * SSM: the bot token's SecureString, and a fleet of managed Linux nodes found by tag or by instance ID, sent the probe
 * by tag or by instance ID batches, each command's invocations listed in pages of 50 and each node's output given as
 * the API gives it (the first 2,500 characters in the invocation, up to 24,000 from GetCommandInvocation). Every
 * command's online nodes have answered when it is first listed, so the collector never waits; an `offline` node's
 * agent has lost its connection (a tag command still targets it, and its invocation stays pending). A node in
 * `refused` makes a SendCommand naming it fail, as SSM refuses instance IDs it cannot run on. EC2 and IAM know no instance: the EC2 facts of the
 * nodes are unknown, with the reason.
 */
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import {
  type CommandInvocation,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  GetParameterCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { PROBE_STEP_NAME } from '../../src/collectors/host/ssm';

const API_OUTPUT_LIMIT = 2_500;
const GET_OUTPUT_LIMIT = 24_000;
const PAGE = 50;

interface SentCommand {
  id: string;
  instanceIds: string[];
}

export class SsmFleetStandIn {
  private readonly ssm = mockClient(SSMClient);
  private readonly ec2 = mockClient(EC2Client);
  private readonly iam = mockClient(IAMClient);
  /** SecureStrings by name. */
  readonly parameters = new Map<string, string>();
  /** The managed nodes and what the probe prints on each. */
  readonly nodes = new Map<string, string>();
  /** Nodes whose SSM agent has lost its connection. */
  readonly offline = new Set<string>();
  /** Nodes a SendCommand may not name. */
  readonly refused = new Set<string>();
  /** Every command sent, in order. */
  readonly sent: SentCommand[] = [];

  constructor() {
    this.install();
  }

  private install(): void {
    this.ssm.on(GetParameterCommand).callsFake((input: { Name?: string }) => {
      const value = input.Name ? this.parameters.get(input.Name) : undefined;
      if (value === undefined) throw ssmError('ParameterNotFound', `parameter ${input.Name} not found`);
      return { Parameter: { Name: input.Name, Type: 'SecureString', Value: value } };
    });
    this.ssm
      .on(DescribeInstanceInformationCommand)
      .callsFake((input: { Filters?: { Key?: string; Values?: string[] }[]; NextToken?: string }) => {
        const byId = input.Filters?.find((f) => f.Key === 'InstanceIds')?.Values;
        const ids = byId ? byId.filter((id) => this.nodes.has(id)) : [...this.nodes.keys()];
        const { page, next } = paged(ids, input.NextToken);
        return {
          InstanceInformationList: page.map((id) => ({
            InstanceId: id,
            PingStatus: this.offline.has(id) ? 'ConnectionLost' : 'Online',
            PlatformType: 'Linux',
            AgentVersion: '3.3.1142.0',
          })),
          NextToken: next,
        };
      });
    this.ssm.on(SendCommandCommand).callsFake((input: { InstanceIds?: string[]; Targets?: unknown[] }) => {
      const named = input.InstanceIds ?? [...this.nodes.keys()];
      const refused = named.filter((id) => this.refused.has(id));
      if (refused.length > 0) {
        throw ssmError('InvalidInstanceId', `Instances [${refused.join(', ')}] not in a valid state for account`);
      }
      const command = { id: `cmd-${String(this.sent.length + 1).padStart(4, '0')}`, instanceIds: named };
      this.sent.push(command);
      return { Command: { CommandId: command.id, Status: 'Pending', TargetCount: named.length } };
    });
    this.ssm.on(ListCommandsCommand).callsFake((input: { CommandId?: string }) => ({
      Commands: this.sent
        .filter((c) => !input.CommandId || c.id === input.CommandId)
        .map((c) => {
          const answered = c.instanceIds.filter((id) => !this.offline.has(id)).length;
          return {
            CommandId: c.id,
            Status: answered === c.instanceIds.length ? 'Success' : 'InProgress',
            TargetCount: c.instanceIds.length,
            CompletedCount: answered,
          };
        }),
    }));
    this.ssm.on(ListCommandInvocationsCommand).callsFake((input: { CommandId?: string; NextToken?: string }) => {
      const command = this.sent.find((c) => c.id === input.CommandId);
      const { page, next } = paged(command?.instanceIds ?? [], input.NextToken);
      return { CommandInvocations: page.map((id) => this.invocation(command!.id, id)), NextToken: next };
    });
    this.ssm.on(GetCommandInvocationCommand).callsFake((input: { InstanceId?: string; CommandId?: string }) => ({
      CommandId: input.CommandId,
      InstanceId: input.InstanceId,
      Status: 'Success',
      StandardOutputContent: (this.nodes.get(input.InstanceId ?? '') ?? '').slice(0, GET_OUTPUT_LIMIT),
    }));
    this.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    this.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    this.ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  }

  private invocation(commandId: string, id: string): CommandInvocation {
    if (this.offline.has(id))
      return { CommandId: commandId, InstanceId: id, Status: 'Pending', StatusDetails: 'Pending' };
    return {
      CommandId: commandId,
      InstanceId: id,
      Status: 'Success',
      StatusDetails: 'Success',
      CommandPlugins: [
        {
          Name: PROBE_STEP_NAME,
          Status: 'Success',
          Output: (this.nodes.get(id) ?? '').slice(0, API_OUTPUT_LIMIT),
        },
      ],
    };
  }

  /** Calls of one SSM command so far (for example 'SendCommandCommand'). */
  callsOf(command: string): number {
    return this.ssm.calls().filter((c) => c.args[0].constructor.name === command).length;
  }

  /** A fresh fleet: no node, nothing sent, no call recorded. */
  reset(): void {
    this.nodes.clear();
    this.offline.clear();
    this.refused.clear();
    this.sent.length = 0;
    this.ssm.resetHistory();
    this.ec2.resetHistory();
    this.iam.resetHistory();
  }

  restore(): void {
    this.ssm.restore();
    this.ec2.restore();
    this.iam.restore();
  }
}

function ssmError(name: string, message: string): SSMServiceException {
  return new SSMServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message });
}

/** One page of at most 50 from the offset the token holds. */
function paged(ids: string[], token?: string): { page: string[]; next?: string } {
  const from = token ? Number(token) : 0;
  const page = ids.slice(from, from + PAGE);
  return { page, ...(from + PAGE < ids.length ? { next: String(from + PAGE) } : {}) };
}
