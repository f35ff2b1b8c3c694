/**
 * A lazily created SDK client stands for its client everywhere the SDK takes one: the paginators (paginateX) check
 * `client instanceof XClient` before each page, so a stand-in that fails the check fails every paged read.
 */
import { DescribeInstancesCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { lazyClient } from './sdk';

const ec2 = mockClient(EC2Client);
afterAll(() => ec2.restore());

describe('Function: lazyClient', () => {
  it('is an instance of its client class for the paginators, and is still created on its first use only', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ ReservationId: 'r-0123456789abcdef0' }] });
    const create = jest.fn(
      () => new EC2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    const client = lazyClient(create);
    expect(create).not.toHaveBeenCalled();
    const reservations: unknown[] = [];
    for await (const page of paginateDescribeInstances({ client }, {})) reservations.push(...(page.Reservations ?? []));
    expect(reservations).toEqual([{ ReservationId: 'r-0123456789abcdef0' }]);
    expect(client).toBeInstanceOf(EC2Client);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
