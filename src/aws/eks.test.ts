import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { awsEksDeps } from './eks';

const eks = mockClient(EKSClient);
beforeEach(() => eks.reset());

describe('Function: awsEksDeps', () => {
  describe('Method: describeCluster', () => {
    it('returns the endpoint and CA data of the cluster from DescribeCluster', async () => {
      eks.on(DescribeClusterCommand).resolves({
        cluster: { endpoint: 'https://X.gr7.eu-west-1.eks.amazonaws.com', certificateAuthority: { data: 'Q0E=' } },
      });
      const deps = awsEksDeps({
        eksClient: () => new EKSClient({ region: 'eu-west-1' }),
        credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      });
      expect(await deps.describeCluster('prod', 'eu-west-1')).toEqual({
        endpoint: 'https://X.gr7.eu-west-1.eks.amazonaws.com',
        caData: 'Q0E=',
      });
      expect(eks).toHaveReceivedCommandWith(DescribeClusterCommand, { name: 'prod' });
    });

    it('fails clearly for a cluster still being created (no endpoint)', async () => {
      eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'CREATING' } });
      const deps = awsEksDeps({
        eksClient: () => new EKSClient({ region: 'eu-west-1' }),
        credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      });
      await expect(deps.describeCluster('prod', 'eu-west-1')).rejects.toThrow(
        'EKS cluster prod in eu-west-1 has no endpoint yet (status CREATING)',
      );
    });
  });
});
