import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig } from './load';

describe('Function: parseConfig', () => {
  it('accepts the documented example, every key of it', () => {
    const config = parseConfig(readFileSync(join(__dirname, '../../compliance-bot.config.example.yaml'), 'utf8'));
    expect(config.clusters.map((c) => c.name)).toEqual(['prod', 'staging', 'gitops']);
    expect(config.hostGroups[0].ssm?.tags).toEqual({ 'eks:cluster-name': ['prod'] });
    expect(config.failOn).toBe('high');
  });

  it.each([
    [
      '__proto__ inside a record (SSM tags)',
      'hostGroups:\n- name: a\n  ssm:\n    tags:\n      __proto__: [x]\n',
      'hostGroups[0].ssm.tags.__proto__',
    ],
    ['__proto__ at the top level', '__proto__:\n  failOn: low\n', '__proto__'],
    ['constructor.prototype', 'constructor:\n  prototype:\n    failOn: low\n', 'constructor'],
  ])('refuses %s, naming where', (_name, text, where) => {
    expect(() => parseConfig(text, 'cfg.yaml')).toThrow(ConfigError);
    expect(() => parseConfig(text, 'cfg.yaml')).toThrow(`cfg.yaml: ${where}: the key`);
  });

  it('keeps the CIDR blocks accepted for an EKS public endpoint', () => {
    const config = parseConfig(
      'clusters: [{ name: a, eks: { name: a, region: eu-west-1, publicAccessCidrs: [203.0.113.0/24] } }]',
    );
    expect(config.clusters[0].eks?.publicAccessCidrs).toEqual(['203.0.113.0/24']);
  });

  it('gives the defaults for an empty file', () => {
    const config = parseConfig('');
    expect(config.store).toEqual({ type: 'local', dir: '.compliance-bot' });
    expect(config.checks.excludedNamespaces).toEqual(['kube-system', 'kube-public', 'kube-node-lease']);
  });

  it.each([
    ['an unknown key', 'clusterz: []', /\(top level\): Unrecognized key: "clusterz"/],
    [
      'a bad severity',
      'failOn: severe',
      /failOn: Invalid option: expected one of "critical"\|"high"\|"medium"\|"low"\|"info"/,
    ],
    [
      'a cluster with two sources',
      'clusters: [{ name: a, manifests: x, eks: { name: a, region: eu-west-1 } }]',
      /clusters\[0\]: give exactly one of kubeconfig, eks or manifests/,
    ],
    [
      'the whole internet as an accepted EKS endpoint range',
      'clusters: [{ name: a, eks: { name: a, region: eu-west-1, publicAccessCidrs: [0.0.0.0/0] } }]',
      /clusters\[0\]\.eks\.publicAccessCidrs\[0\]: the whole internet is never an accepted range/,
    ],
    [
      'the whole internet as an accepted EKS endpoint range, its prefix written 00',
      'clusters: [{ name: a, eks: { name: a, region: eu-west-1, publicAccessCidrs: [203.0.113.0/24, "::/00"] } }]',
      /clusters\[0\]\.eks\.publicAccessCidrs\[1\]: the whole internet is never an accepted range/,
    ],
    [
      'an EKS endpoint range whose prefix is longer than its address',
      'clusters: [{ name: a, eks: { name: a, region: eu-west-1, publicAccessCidrs: [203.0.113.0/33] } }]',
      /clusters\[0\]\.eks\.publicAccessCidrs\[0\]: a CIDR block such as 203\.0\.113\.0\/24 \(an address and a prefix it has\)/,
    ],
    [
      'an EKS endpoint range that is no CIDR block',
      'clusters: [{ name: a, eks: { name: a, region: eu-west-1, publicAccessCidrs: [office] } }]',
      /clusters\[0\]\.eks\.publicAccessCidrs\[0\]: a CIDR block such as 203\.0\.113\.0\/24/,
    ],
    [
      'an upper-case target name',
      'clusters: [{ name: Prod, manifests: x }]',
      /clusters\[0\]\.name: use lower-case letters/,
    ],
    [
      'a bad instance ID',
      'hostGroups: [{ name: a, ssm: { instanceIds: [bogus] } }]',
      /hostGroups\[0\]\.ssm\.instanceIds\[0\]: an EC2 or managed instance ID/,
    ],
    ['invalid YAML', 'clusters: [', /invalid YAML/],
    [
      'invalid YAML next to a token (by position, never quoting the line)',
      'slack:\n  channel: C1\n  botToken: xoxb-1-2-secretvalue\n   bad: : x',
      /^c\.yaml: invalid YAML at line 3, column \d+: [A-Z][a-z ]+$/,
    ],
    ['a duplicate key', 'failOn: high\nfailOn: low', /invalid YAML/],
  ])('names the key and what is expected for %s', (_name, text, message) => {
    expect(() => parseConfig(text, 'c.yaml')).toThrow(ConfigError);
    expect(() => parseConfig(text, 'c.yaml')).toThrow(message);
  });
});
