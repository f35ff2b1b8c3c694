import { DescribeInstanceInformationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ssmHostCollector } from '../../src/collectors/host/ssm';
import { silentReporter } from '../../src/collectors/types';
import { shardOf } from '../../src/core/shard';

const ssm = new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const ssmMock = mockClient(ssm);
beforeEach(() => ssmMock.reset());

const ids = Array.from({ length: 12 }, (_, i) => `i-0${(0xabc000 + i).toString(16)}000000000`);

describe('SSM host group shard', () => {
  it('discovers by tag, then probes and reports only the nodes of its own shard, by instance ID', async () => {
    ssmMock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: ids.map((id, i) => ({
        InstanceId: id,
        PingStatus: i === 0 || i === 1 ? ('ConnectionLost' as const) : ('Online' as const),
        PlatformType: 'Linux' as const,
      })),
    });
    ssmMock.on(SendCommandCommand).rejects(new Error('AccessDenied'));
    const mine = ids.filter((id) => shardOf(id, 2) === 1);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(ids.length);
    const fleet = await ssmHostCollector({
      name: 'workers',
      ssm,
      group: {
        tags: { role: ['worker'] },
        inShard: (id) => shardOf(id, 2) === 1,
        maxConcurrency: '10%',
        maxErrors: '5',
        timeoutSeconds: 600,
      },
      documentName: 'ComplianceBot-HostProbe',
      remainingMs: () => 600_000,
      sleep: async () => {},
    }).collect({ reporter: silentReporter });
    const sends = ssmMock.commandCalls(SendCommandCommand).map((c) => c.args[0].input);
    expect(sends.every((s) => s.Targets === undefined)).toBe(true);
    const online = mine.filter((id) => id !== ids[0] && id !== ids[1]);
    expect(sends.flatMap((s) => s.InstanceIds ?? []).sort()).toEqual([...online].sort());
    expect(fleet.unreachable.map((u) => u.target.name).sort()).toEqual([...mine].sort());
  });
});

describe('SSM host group shard with the members the plan found', () => {
  it('describes only its members by ID with the group tags, probes them by ID, and reports a member gone as unreachable', async () => {
    const members = ids.slice(0, 5);
    const gone = members[4]!;
    ssmMock.on(DescribeInstanceInformationCommand).callsFake((input) => {
      const wanted = input.Filters.find((f: { Key: string }) => f.Key === 'InstanceIds')?.Values ?? [];
      return {
        InstanceInformationList: wanted
          .filter((id: string) => id !== gone)
          .map((id: string) => ({ InstanceId: id, PingStatus: 'Online', PlatformType: 'Linux' })),
      };
    });
    ssmMock.on(SendCommandCommand).rejects(new Error('AccessDenied'));
    const fleet = await ssmHostCollector({
      name: 'workers',
      ssm,
      group: {
        tags: { role: ['worker'] },
        inShard: () => true,
        members,
        maxConcurrency: '10%',
        maxErrors: '5',
        timeoutSeconds: 600,
      },
      documentName: 'ComplianceBot-HostProbe',
      remainingMs: () => 600_000,
      sleep: async () => {},
    }).collect({ reporter: silentReporter });
    const describes = ssmMock.commandCalls(DescribeInstanceInformationCommand).map((c) => c.args[0].input.Filters);
    expect(describes).toEqual([
      [
        { Key: 'tag:role', Values: ['worker'] },
        { Key: 'InstanceIds', Values: members },
      ],
    ]);
    const sends = ssmMock.commandCalls(SendCommandCommand).map((c) => c.args[0].input);
    expect(sends.map((s) => [s.Targets, s.InstanceIds])).toEqual([[undefined, members.slice(0, 4)]]);
    expect(fleet.unreachable.find((u) => u.target.name === gone)?.reason).toBe(
      "it was in the group when the run was planned, and is no longer a managed instance with the group's tags",
    );
  });
});
