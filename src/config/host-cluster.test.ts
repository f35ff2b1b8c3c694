import { configSchema } from './schema';

describe('Configuration: hostGroups[].ssm.cluster and checks.ssmAgentMinVersion', () => {
  it('joins a host group to a configured cluster', () => {
    const c = configSchema.parse({
      clusters: [{ name: 'prod', eks: { name: 'prod', region: 'eu-west-1' } }],
      hostGroups: [{ name: 'nodes', ssm: { tags: { role: ['node'] }, cluster: 'prod' } }],
      checks: { ssmAgentMinVersion: '3.3.0.0' },
    });
    expect(c.hostGroups[0].ssm?.cluster).toBe('prod');
    expect(c.checks.ssmAgentMinVersion).toBe('3.3.0.0');
  });

  it('refuses a cluster that is not configured, or one read from manifests, naming the key', () => {
    const unknown = configSchema.safeParse({
      hostGroups: [{ name: 'nodes', ssm: { tags: { role: ['node'] }, cluster: 'prod' } }],
    });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('no configured cluster is named prod');
    expect(unknown.error?.issues[0].path).toEqual(['hostGroups', 0, 'ssm', 'cluster']);
    const manifests = configSchema.safeParse({
      clusters: [{ name: 'prod', manifests: './m' }],
      hostGroups: [{ name: 'nodes', ssm: { tags: { role: ['node'] }, cluster: 'prod' } }],
    });
    expect(JSON.stringify(manifests.error?.issues)).toContain('is read from manifests, which list no live Nodes');
  });

  it('refuses a minimum SSM agent version that is not dotted numbers', () => {
    expect(configSchema.safeParse({ checks: { ssmAgentMinVersion: 'latest' } }).success).toBe(false);
  });
});
