import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, isPortName } from './k8s-names';

describe('Kubernetes name grammars', () => {
  it('DNS labels: 63 lower-case letters, digits and inner hyphens', () => {
    for (const ok of ['a', '0', 'kube-system', 'a1-b2', 'x'.repeat(63)]) expect(isDnsLabel(ok)).toBe(true);
    for (const bad of ['', '-a', 'a-', 'A', 'a.b', 'a_b', 'x'.repeat(64), 'a b'])
      expect([bad, isDnsLabel(bad)]).toEqual([bad, false]);
  });

  it('DNS subdomains: dot-separated labels, 253 characters in all, no label length limit', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(long).toHaveLength(253);
    for (const ok of ['a', 'web.example.com', 'a-1.b-2', long, 'x'.repeat(100)]) expect(isDnsSubdomain(ok)).toBe(true);
    for (const bad of ['', '.a', 'a.', 'a..b', 'a.-b', 'a-.b', 'A.b', `${long}a`, 'a/b'])
      expect([bad, isDnsSubdomain(bad)]).toEqual([bad, false]);
  });

  it('label keys: an optional DNS subdomain prefix and a name of 63 characters', () => {
    for (const ok of ['app', 'App_1.x-y', 'kubernetes.io/metadata.name', 'a/b', `p/${'n'.repeat(63)}`, 'x'.repeat(63)])
      expect([ok, isLabelKey(ok)]).toEqual([ok, true]);
    for (const bad of [
      '',
      '/app',
      'app/',
      'a/b/c',
      'Example.com/app',
      '_app',
      'app_',
      `p/${'n'.repeat(64)}`,
      'x'.repeat(64),
      'a b',
    ])
      expect([bad, isLabelKey(bad)]).toEqual([bad, false]);
  });

  it('label values: empty, or 63 characters starting and ending with a letter or digit', () => {
    for (const ok of ['', 'a', 'Web_1.x-Y', 'x'.repeat(63)]) expect(isLabelValue(ok)).toBe(true);
    for (const bad of ['-a', 'a-', '.a', 'a b', 'a/b', 'x'.repeat(64)])
      expect([bad, isLabelValue(bad)]).toEqual([bad, false]);
  });

  it('port names: 15 lower-case letters, digits and single inner hyphens, at least one letter', () => {
    for (const ok of ['http', 'h2c', 'grpc-web', 'a', '8080-tcp', 'x'.repeat(15)]) expect(isPortName(ok)).toBe(true);
    for (const bad of ['', '80', '8-0', 'HTTP', '-web', 'web-', 'my--port', 'my_port', 'x'.repeat(16), 'a b'])
      expect([bad, isPortName(bad)]).toEqual([bad, false]);
  });
});
