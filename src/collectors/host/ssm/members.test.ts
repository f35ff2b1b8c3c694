import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { listGroupMembers } from './members';

const ssm = new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const ssmMock = mockClient(ssm);
beforeEach(() => ssmMock.reset());

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

describe('Function: listGroupMembers', () => {
  it('lists every page by tag once, retries a throttled page, and gives the instance IDs sorted', async () => {
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .rejectsOnce(throttled())
      .resolvesOnce({
        InstanceInformationList: [{ InstanceId: 'i-0b' }, { InstanceId: 'i-0a', PingStatus: 'ConnectionLost' }],
        NextToken: 't1',
      })
      .resolvesOnce({ InstanceInformationList: [{ InstanceId: 'i-0c' }, { InstanceId: 'i-0a' }, {}] });
    const warnings: string[] = [];
    const ids = await listGroupMembers(
      ssm,
      { role: ['worker', 'batch'] },
      {
        sleep: async () => {},
        random: () => 0,
        warn: (m) => warnings.push(m),
      },
    );
    expect(ids).toEqual(['i-0a', 'i-0b', 'i-0c']);
    const inputs = ssmMock.commandCalls(DescribeInstanceInformationCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => [i.Filters, i.NextToken])).toEqual([
      [[{ Key: 'tag:role', Values: ['worker', 'batch'] }], undefined],
      [[{ Key: 'tag:role', Values: ['worker', 'batch'] }], undefined],
      [[{ Key: 'tag:role', Values: ['worker', 'batch'] }], 't1'],
    ]);
    expect(warnings).toHaveLength(1);
  });

  it('fails rather than give a partial list: an error, the time running out, or no tag', async () => {
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(listGroupMembers(ssm, { role: ['w'] })).rejects.toThrow(/denied/);
    await expect(listGroupMembers(ssm, { role: ['w'] }, { remainingMs: () => 1000 })).rejects.toThrow(
      /before the time ran out/,
    );
    await expect(listGroupMembers(ssm, {})).rejects.toThrow(/at least one tag/);
  });
});
