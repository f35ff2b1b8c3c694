import { checks as registry } from '../../checks';
import { CATALOGUE } from '../../test/support/report-scenario';
import { anchor, renderCatalogue } from './catalogue';

describe('Function: renderCatalogue', () => {
  describe('format: json', () => {
    it('lists id, title, severity, category, benchmarks and remediation, sorted by ID', () => {
      const entries = JSON.parse(renderCatalogue(CATALOGUE, 'json'));
      expect(entries.map((e: { id: string }) => e.id)).toEqual(CATALOGUE.map((c) => c.id).sort());
      expect(entries.find((e: { id: string }) => e.id === 'k8s.rbac.cluster-admin')).toEqual({
        id: 'k8s.rbac.cluster-admin',
        title: 'Only the control plane is bound to cluster-admin',
        severity: 'critical',
        category: 'rbac',
        benchmarks: [
          { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.1' },
          { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization' },
        ],
        remediation: CATALOGUE[0].remediation,
      });
    });

    it('renders every check of the registry', () => {
      const entries = JSON.parse(renderCatalogue(registry, 'json'));
      expect(entries).toHaveLength(registry.length);
    });
  });

  describe('format: text', () => {
    it('groups by category with counts, one check per line with benchmarks and the fix', () => {
      const text = renderCatalogue(CATALOGUE, 'text');
      expect(text).toContain('HOST (3)\n');
      expect(text).toContain('KUBERNETES: RBAC (2)\n');
      expect(text).toMatch(
        / {2}k8s\.rbac\.cluster-admin +CRITICAL +Only the control plane is bound to cluster-admin\n/,
      );
      expect(text).toContain('      CIS Kubernetes Benchmark v1.12 5.1.1\n');
      expect(text).toContain('      Fix: Bind the subject to a namespaced Role');
      expect(text.trimEnd().endsWith('6 checks.')).toBe(true);
      expect(text.split('\n').every((l) => l.length <= 100)).toBe(true);
    });
  });

  describe('format: markdown', () => {
    it('is the docs/checks.md body: categories, a table each, a section per check with benchmarks', () => {
      const md = renderCatalogue(CATALOGUE, 'markdown');
      expect(md.startsWith('# Check catalogue\n')).toBe(true);
      expect(md).toContain('| [Kubernetes: RBAC](#kubernetes-rbac) | 2 |');
      expect(md).toContain('## Host\n');
      expect(md).toContain('### k8s.rbac.cluster-admin\n');
      expect(md).toContain('  - CIS Kubernetes Benchmark v1.12 5.1.1\n');
      expect(md).toContain('- Also known as: `host.ssh.no-root-login`');
      expect(md).toContain('| [`k8s.rbac.cluster-admin`](#k8srbaccluster-admin) | critical |');
      expect(md).toContain('Remediation: Add a NetworkPolicy with podSelector: {} and policyTypes: \\[Ingress\\]');
      expect(md.indexOf('## Host')).toBeLessThan(md.indexOf('## Kubernetes: RBAC'));
    });

    it('matches the snapshot', () => {
      expect(renderCatalogue(CATALOGUE, 'markdown')).toMatchSnapshot();
    });
  });
});

describe('Function: anchor', () => {
  it('builds GitHub heading anchors', () => {
    expect(anchor('Kubernetes: network policies')).toBe('kubernetes-network-policies');
    expect(anchor('host.ssh.root-login-disabled')).toBe('hostsshroot-login-disabled');
  });
});
