/**
 * The check catalogue for `compliance-bot checks` (text, JSON) and the body of the generated docs/checks.md
 * (Markdown): every check with its severity, category, benchmark controls and remediation.
 */
import { type BenchmarkRef, CATEGORIES, type Category, type CheckMeta, type Severity } from '../core/model';
import { benchmarkLabel, cmp } from './common';
import { mdText, mdTrusted } from './markdown';
import { clean, padEnd, wrap } from './terminal';

export const CATALOGUE_FORMATS = ['text', 'json', 'markdown'] as const;
export type CatalogueFormat = (typeof CATALOGUE_FORMATS)[number];

export interface CatalogueEntry {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  benchmarks: BenchmarkRef[];
  remediation: string;
}

export const CATEGORY_TITLES: Record<Category, string> = {
  host: 'Host',
  ec2: 'Host: the EC2 instance',
  authn: 'Kubernetes: authentication',
  authz: 'Kubernetes: authorization',
  rbac: 'Kubernetes: RBAC',
  tls: 'Kubernetes: TLS',
  netpol: 'Kubernetes: network policies',
  workload: 'Kubernetes: workloads and Pod Security',
  controlplane: 'Kubernetes: control-plane settings',
};

/** Checks by category (in the catalogue's category order), each group sorted by ID. */
function grouped(checks: readonly CheckMeta[]): [Category, CheckMeta[]][] {
  const known = new Set<string>(CATEGORIES);
  const cats = [...CATEGORIES, ...new Set(checks.map((c) => c.category).filter((c) => !known.has(c)))];
  return cats
    .map((cat): [Category, CheckMeta[]] => [
      cat,
      checks.filter((c) => c.category === cat).sort((a, b) => cmp(a.id, b.id)),
    ])
    .filter(([, list]) => list.length > 0);
}

export function renderCatalogue(checks: readonly CheckMeta[], format: CatalogueFormat): string {
  if (format === 'json') return catalogueJson(checks);
  if (format === 'markdown') return catalogueMarkdown(checks);
  return catalogueText(checks);
}

function catalogueJson(checks: readonly CheckMeta[]): string {
  const entries: CatalogueEntry[] = [...checks]
    .sort((a, b) => cmp(a.id, b.id))
    .map((c) => ({
      id: c.id,
      title: c.title,
      severity: c.severity,
      category: c.category,
      benchmarks: c.benchmarks.map((b) => ({ framework: b.framework, version: b.version, control: b.control })),
      remediation: c.remediation,
    }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

function catalogueText(checks: readonly CheckMeta[], width = 100): string {
  const out: string[] = [];
  const idWidth = Math.min(44, Math.max(0, ...checks.map((c) => c.id.length)));
  for (const [cat, list] of grouped(checks)) {
    if (out.length > 0) out.push('');
    out.push(`${(CATEGORY_TITLES[cat] ?? cat).toUpperCase()} (${list.length})`);
    for (const c of list) {
      const head = `  ${padEnd(c.id, idWidth)}  ${padEnd(c.severity.toUpperCase(), 9)}`;
      const indent = head.length;
      const title = wrap(clean(c.title), width - indent);
      if (c.id.length > idWidth) {
        out.push(`  ${c.id}`);
        out.push(...title.map((l) => `${' '.repeat(indent)}${l}`));
      } else {
        out.push(...title.map((l, i) => (i === 0 ? `${head}${l}` : `${' '.repeat(indent)}${l}`)));
      }
      for (const b of c.benchmarks) out.push(...wrap(clean(benchmarkLabel(b)), width - 6).map((l) => `      ${l}`));
      out.push(...wrap(clean(`Fix: ${c.remediation}`), width - 6, { keepQuoted: true }).map((l) => `      ${l}`));
    }
  }
  out.push('', `${checks.length} check${checks.length === 1 ? '' : 's'}.`);
  return `${out.join('\n')}\n`;
}

function catalogueMarkdown(checks: readonly CheckMeta[]): string {
  const out: string[] = [
    '# Check catalogue',
    '',
    '<!-- Generated from the check definitions in checks/ (npm run docs): edit the checks, not this file. -->',
    '',
    `compliance-bot runs ${checks.length} check${checks.length === 1 ? '' : 's'}. Each has a stable ID (used in ` +
      'reports, waivers and Slack commands), a severity, the benchmark controls it covers and a remediation.',
    '',
  ];
  const groups = grouped(checks);
  out.push('| Category | Checks |', '| --- | ---: |');
  for (const [cat, list] of groups) {
    out.push(`| [${CATEGORY_TITLES[cat] ?? cat}](#${anchor(CATEGORY_TITLES[cat] ?? cat)}) | ${list.length} |`);
  }
  out.push('');
  for (const [cat, list] of groups) {
    out.push(`## ${CATEGORY_TITLES[cat] ?? cat}`, '');
    out.push('| ID | Severity | Title | Benchmarks |', '| --- | --- | --- | --- |');
    for (const c of list) {
      out.push(
        `| [\`${c.id}\`](#${anchor(c.id)}) | ${c.severity} | ${mdTrusted(c.title, true)} | ${c.benchmarks.map((b) => mdTrusted(benchmarkLabel(b), true)).join('<br>') || '–'} |`,
      );
    }
    out.push('');
    for (const c of list) {
      out.push(`### ${c.id}`, '', `**${mdTrusted(c.title)}**`, '');
      out.push(`- Severity: ${c.severity}`, `- Target: ${c.targetKind}`);
      if (c.benchmarks.length > 0) {
        out.push('- Benchmarks:');
        for (const b of c.benchmarks) out.push(`  - ${mdText(benchmarkLabel(b))}`);
      } else {
        out.push('- Benchmarks: none (compliance-bot hardening)');
      }
      if (c.aliases && c.aliases.length > 0)
        out.push(`- Also known as: ${c.aliases.map((a) => `\`${a}\``).join(', ')}`);
      out.push('', `Remediation: ${mdTrusted(c.remediation)}`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
