import { networkPolicyProblem } from './validate-netpol';

const policy = (spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', spec });
const ingress = (rule: unknown) => policy({ podSelector: {}, ingress: [rule] });
const egress = (rule: unknown) => policy({ podSelector: {}, egress: [rule], policyTypes: ['Egress'] });

describe('networkPolicyProblem: what the API server accepts', () => {
  it.each([
    ['no spec', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }],
    ['an empty spec', policy({})],
    ['null lists (as absent)', policy({ podSelector: null, ingress: null, egress: null, policyTypes: null })],
    ['deny all ingress', policy({ podSelector: {}, policyTypes: ['Ingress'] })],
    ['both types', policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    ['an empty rule (allow all)', ingress({})],
    ['a rule with null peers and ports', ingress({ from: null, ports: null })],
    ['a pod selector peer', ingress({ from: [{ podSelector: { matchLabels: { app: 'web' } } }] })],
    ['both selectors in one peer', ingress({ from: [{ podSelector: {}, namespaceSelector: {} }] })],
    ['an ipBlock', egress({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.4/32'] } }] })],
    ['an IPv6 ipBlock', egress({ to: [{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }] })],
    ['an ipBlock with host bits', egress({ to: [{ ipBlock: { cidr: '10.0.0.1/8' } }] })],
    ['a numbered port', ingress({ ports: [{ port: 443 }] })],
    ['the lowest and highest ports', ingress({ ports: [{ port: 1 }, { port: 65535, protocol: 'UDP' }] })],
    ['a named port', ingress({ ports: [{ port: 'https', protocol: 'TCP' }] })],
    ['a port range', ingress({ ports: [{ port: 32000, endPort: 32768, protocol: 'SCTP' }] })],
    ['a one-port range', ingress({ ports: [{ port: 80, endPort: 80 }] })],
    ['a protocol alone', ingress({ ports: [{ protocol: 'UDP' }] })],
    ['a null endPort', ingress({ ports: [{ port: 'dns', endPort: null }] })],
    [
      'every selector operator',
      ingress({
        from: [
          {
            namespaceSelector: {
              matchExpressions: [
                { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] },
                { key: 'team', operator: 'NotIn', values: [''] },
                { key: 'example.com/tier', operator: 'Exists' },
                { key: 'legacy', operator: 'DoesNotExist', values: [] },
              ],
            },
          },
        ],
      }),
    ],
  ])('accepts %s', (_, obj) => {
    expect(networkPolicyProblem(obj)).toBeNull();
  });
});

describe('networkPolicyProblem: what the API server refuses, named by field', () => {
  it.each([
    ['a spec that is a list', policy([]), 'spec: is a list, not a mapping'],
    [
      'policyTypes as a string',
      policy({ policyTypes: 'Ingress' }),
      'spec.policyTypes: is the string "Ingress", not a list',
    ],
    [
      'a lower-case policy type',
      policy({ policyTypes: ['egress'] }),
      'spec.policyTypes[0]: "egress" is not Ingress or Egress',
    ],
    [
      'three policy types',
      policy({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }),
      'spec.policyTypes: names more than two types',
    ],
    ['ingress as a mapping', policy({ ingress: { from: [] } }), 'spec.ingress: is a mapping, not a list'],
    ['a null rule', policy({ ingress: [null] }), 'spec.ingress[0]: is null, not a mapping'],
    ['a rule that is a string', policy({ egress: ['all'] }), 'spec.egress[0]: is the string "all", not a mapping'],
    [
      'a peer that is a string',
      ingress({ from: ['10.0.0.0/8'] }),
      'spec.ingress[0].from[0]: is the string "10.0.0.0/8", not a mapping',
    ],
    ['a null peer', egress({ to: [null] }), 'spec.egress[0].to[0]: is null, not a mapping'],
    [
      'an empty peer',
      ingress({ from: [{}] }),
      'spec.ingress[0].from[0]: names no peer (podSelector, namespaceSelector or ipBlock)',
    ],
    ['a peer of null selectors', ingress({ from: [{ podSelector: null }] }), 'spec.ingress[0].from[0]: names no peer'],
    [
      'an ipBlock beside a selector',
      ingress({ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }),
      'spec.ingress[0].from[0]: has an ipBlock beside a selector',
    ],
    [
      'an ipBlock without cidr',
      egress({ to: [{ ipBlock: {} }] }),
      'spec.egress[0].to[0].ipBlock.cidr: undefined is not a CIDR',
    ],
    [
      'a CIDR of 33 bits',
      egress({ to: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }),
      '.ipBlock.cidr: "10.0.0.0/33" is not a CIDR',
    ],
    [
      'an address without length',
      egress({ to: [{ ipBlock: { cidr: '10.0.0.1' } }] }),
      '.ipBlock.cidr: "10.0.0.1" is not a CIDR',
    ],
    [
      'an ipBlock that is a string',
      egress({ to: [{ ipBlock: '10.0.0.0/8' }] }),
      '.ipBlock: is the string "10.0.0.0/8", not a mapping',
    ],
    [
      'except as a string',
      egress({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: '10.1.0.0/16' } }] }),
      '.ipBlock.except: is the string',
    ],
    [
      'an except that is no CIDR',
      egress({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['x'] } }] }),
      '.ipBlock.except[0]: "x" is not a CIDR',
    ],
    [
      'an except outside the block',
      egress({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '11.0.0.0/16'] } }] }),
      '.ipBlock.except[1]: "11.0.0.0/16" is not strictly inside "10.0.0.0/8"',
    ],
    [
      'an except equal to the block',
      egress({ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }),
      '.ipBlock.except[0]: "10.0.0.0/8" is not strictly inside "10.0.0.0/8"',
    ],
    [
      'an except larger than the block',
      egress({ to: [{ ipBlock: { cidr: '10.1.0.0/16', except: ['10.0.0.0/8'] } }] }),
      'is not strictly inside',
    ],
    [
      'an except overlapping the block end',
      egress({ to: [{ ipBlock: { cidr: '10.0.0.0/9', except: ['10.64.0.0/9'] } }] }),
      'is not strictly inside',
    ],
    [
      'an except of the other family',
      egress({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['::/1'] } }] }),
      '.ipBlock.except[0]: "::/1" is not strictly inside "0.0.0.0/0"',
    ],
    [
      'a port given as a string of digits',
      ingress({ ports: [{ port: '80' }] }),
      'spec.ingress[0].ports[0].port: "80" is neither a port number (1-65535) nor a port name',
    ],
    ['ports as bare numbers', ingress({ ports: [80] }), 'spec.ingress[0].ports[0]: is the number 80, not a mapping'],
    ['ports as strings', ingress({ ports: ['80'] }), 'spec.ingress[0].ports[0]: is the string "80", not a mapping'],
    ['a null port entry', ingress({ ports: [null] }), 'spec.ingress[0].ports[0]: is null, not a mapping'],
    ['port 0', ingress({ ports: [{ port: 0 }] }), '.ports[0].port: 0 is neither'],
    ['port 65536', ingress({ ports: [{ port: 65536 }] }), '.ports[0].port: 65536 is neither'],
    ['a fractional port', ingress({ ports: [{ port: 1.5 }] }), '.ports[0].port: 1.5 is neither'],
    ['a boolean port', ingress({ ports: [{ port: true }] }), '.ports[0].port: true is neither'],
    ['an upper-case port name', ingress({ ports: [{ port: 'HTTPS' }] }), '.port: "HTTPS" is neither'],
    ['a port name of 16 characters', ingress({ ports: [{ port: 'abcdefghijklmnop' }] }), 'is neither'],
    ['a port name with a double hyphen', ingress({ ports: [{ port: 'my--port' }] }), 'is neither'],
    ['a port name ending in a hyphen', ingress({ ports: [{ port: 'web-' }] }), 'is neither'],
    ['a port name starting with a hyphen', ingress({ ports: [{ port: '-web' }] }), 'is neither'],
    ['an empty port name', ingress({ ports: [{ port: '' }] }), '.port: "" is neither'],
    [
      'a lower-case protocol',
      ingress({ ports: [{ port: 53, protocol: 'udp' }] }),
      '.ports[0].protocol: "udp" is not TCP, UDP or SCTP',
    ],
    ['ICMP', ingress({ ports: [{ protocol: 'ICMP' }] }), '.protocol: "ICMP" is not TCP, UDP or SCTP'],
    ['an endPort without a port', ingress({ ports: [{ endPort: 90 }] }), '.ports[0].endPort: is set without a port'],
    [
      'an endPort with a named port',
      ingress({ ports: [{ port: 'web', endPort: 90 }] }),
      '.ports[0].endPort: is set with a named port',
    ],
    [
      'an endPort below the port',
      ingress({ ports: [{ port: 90, endPort: 89 }] }),
      '.ports[0].endPort: 89 is below port 90',
    ],
    [
      'an endPort above 65535',
      ingress({ ports: [{ port: 90, endPort: 65536 }] }),
      '.endPort: 65536 is not a port number (1-65535)',
    ],
    [
      'an endPort as a string',
      ingress({ ports: [{ port: 90, endPort: '95' }] }),
      '.endPort: "95" is not a port number',
    ],
    [
      'a selector that is a string',
      policy({ podSelector: 'app=web' }),
      'spec.podSelector: is the string "app=web", not a mapping',
    ],
    [
      'a numeric label value',
      policy({ podSelector: { matchLabels: { app: 1 } } }),
      'spec.podSelector.matchLabels.app: is the number 1, not a string',
    ],
    [
      'a label value with a space',
      policy({ podSelector: { matchLabels: { app: 'my app' } } }),
      '.matchLabels.app: "my app" is not a label value',
    ],
    [
      'a label key with two slashes',
      policy({ podSelector: { matchLabels: { 'a/b/c': 'x' } } }),
      '.matchLabels: "a/b/c" is not a label key',
    ],
    [
      'a label key with an empty prefix',
      policy({ podSelector: { matchLabels: { '/app': 'x' } } }),
      '.matchLabels: "/app" is not a label key',
    ],
    [
      'matchLabels as a list',
      policy({ podSelector: { matchLabels: ['app'] } }),
      'spec.podSelector.matchLabels: is a list, not a mapping',
    ],
    [
      'an unknown operator',
      ingress({ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] } }] }),
      'spec.ingress[0].from[0].podSelector.matchExpressions[0].operator: "Equals" is not In, NotIn, Exists or DoesNotExist',
    ],
    [
      'In without values',
      ingress({ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In' }] } }] }),
      '.namespaceSelector.matchExpressions[0].values: must not be empty when the operator is In',
    ],
    [
      'NotIn with an empty list',
      policy({ podSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: [] }] } }),
      '.values: must not be empty when the operator is NotIn',
    ],
    [
      'Exists with values',
      policy({ podSelector: { matchExpressions: [{ key: 'team', operator: 'Exists', values: ['a'] }] } }),
      '.values: must be empty when the operator is Exists',
    ],
    [
      'DoesNotExist with values',
      policy({ podSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist', values: ['a'] }] } }),
      '.values: must be empty when the operator is DoesNotExist',
    ],
    [
      'values as a string',
      policy({ podSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: 'a' }] } }),
      '.matchExpressions[0].values: is the string "a", not a list',
    ],
    [
      'a value that is no label value',
      policy({ podSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b c'] }] } }),
      '.matchExpressions[0].values[1]: "b c" is not a label value',
    ],
    [
      'an expression without key',
      policy({ podSelector: { matchExpressions: [{ operator: 'Exists' }] } }),
      '.matchExpressions[0].key: undefined is not a label key',
    ],
    [
      'an expression that is a string',
      policy({ podSelector: { matchExpressions: ['app'] } }),
      '.matchExpressions[0]: is the string "app", not a mapping',
    ],
  ])('refuses %s', (_, obj, problem) => {
    expect(networkPolicyProblem(obj as Record<string, unknown>)).toContain(problem);
  });

  it('cuts a long value short', () => {
    const long = `${'a'.repeat(100)}`;
    expect(networkPolicyProblem(ingress({ ports: [{ port: long }] }))).toBe(
      `spec.ingress[0].ports[0].port: "${'a'.repeat(39)}… is neither a port number (1-65535) nor a port name`,
    );
  });

  it('names the first problem in document order: the pod selector, the types, then ingress before egress', () => {
    const bad = {
      podSelector: { matchLabels: { app: 1 } },
      policyTypes: ['x'],
      ingress: [{ ports: [{ port: 0 }] }],
      egress: [{ ports: [{ port: 0 }] }],
    };
    expect(networkPolicyProblem(policy(bad))).toMatch(/^spec\.podSelector/);
    expect(networkPolicyProblem(policy({ ...bad, podSelector: {} }))).toMatch(/^spec\.policyTypes\[0\]/);
    expect(networkPolicyProblem(policy({ ...bad, podSelector: {}, policyTypes: [] }))).toMatch(/^spec\.ingress\[0\]/);
    expect(networkPolicyProblem(policy({ ...bad, podSelector: {}, policyTypes: [], ingress: [] }))).toMatch(
      /^spec\.egress\[0\]/,
    );
  });
});
