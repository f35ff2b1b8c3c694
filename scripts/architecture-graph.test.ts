import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BEGIN,
  type CruiseOutput,
  cruise,
  END,
  graphSection,
  layerOf,
  mermaid,
  replaceSection,
} from './architecture-graph';

const ROOT = join(__dirname, '..');

function dep(resolved: string, o: { typeOnly?: boolean; rule?: string; severity?: string } = {}) {
  return {
    resolved,
    dependencyTypes: o.typeOnly ? ['local', 'type-only', 'import'] : ['local', 'import'],
    valid: !o.rule,
    ...(o.rule ? { rules: [{ name: o.rule, severity: o.severity ?? 'error' }] } : {}),
  };
}

describe('the import graph of docs/architecture.md', () => {
  it('is generated from the imports as they are (run `npm run docs:arch` after moving an import across layers)', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const committed = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
    expect(committed).toBe(graphSection(cruise(ROOT)));
  }, 180_000);
});

describe('layerOf', () => {
  it.each([
    ['checks/k8s/tls/probe.ts', 'checks'],
    ['handlers/slack.ts', 'handlers'],
    ['src/core/facts/k8s.ts', 'src/core'],
    ['src/version.ts', 'src/version.ts'],
    ['node_modules/zod/index.d.cts', null],
    ['crypto', null],
  ])('%s belongs to %s', (path, layer) => {
    expect(layerOf(path)).toBe(layer);
  });
});

describe('mermaid', () => {
  const graph: CruiseOutput = {
    modules: [
      {
        source: 'src/report/digest.ts',
        dependencies: [
          dep('src/core/model.ts', { typeOnly: true }),
          dep('src/report/slack-blocks.ts'),
          dep('node_modules/zod/index.d.cts'),
          dep('src/store/types.ts', { typeOnly: true, rule: 'report-renders-only' }),
        ],
      },
      { source: 'src/report/json.ts', dependencies: [dep('src/core/model.ts')] },
      { source: 'checks/a.ts', dependencies: [dep('src/core/model.ts', { typeOnly: true })] },
      { source: 'src/store/s3.ts', dependencies: [dep('src/aws/sdk.ts', { rule: 'reachable', severity: 'warn' })] },
      { source: 'crypto', dependencies: [] },
    ],
  };
  const drawn = mermaid(graph);

  it('draws one node per layer and one edge per pair of layers, sorted, without packages or same-layer imports', () => {
    expect(drawn.split('\n').filter((l) => l.includes('"'))).toEqual([
      '  checks["checks"]',
      '  src_aws["src/aws"]',
      '  src_core["src/core"]',
      '  src_report["src/report"]',
      '  src_store["src/store"]',
    ]);
    expect(drawn.split('\n').filter((l) => l.includes('->'))).toEqual([
      '  checks -.-> src_core',
      '  src_report --> src_core',
      '  src_report -.-> src_store',
      '  src_store --> src_aws',
    ]);
  });

  it('dots an edge only when every import along it is type-only', () => {
    // report -> core has a type-only and a value import: solid. checks -> core is type-only: dotted.
    expect(drawn).toContain('  src_report --> src_core');
    expect(drawn).toContain('  checks -.-> src_core');
  });

  it('colours the edges that break a wall (errors), not those that only carry a warning', () => {
    expect(drawn).toContain('  linkStyle 2 stroke:#d00,stroke-width:2px');
  });

  it('is the same text for the same imports in any order', () => {
    expect(mermaid({ modules: [...graph.modules].reverse() })).toBe(drawn);
  });
});

describe('replaceSection', () => {
  it('replaces what lies between the markers and keeps the rest of the document', () => {
    const doc = `# Title\n\nbefore\n${BEGIN}\nold graph\n${END}\nafter\n`;
    expect(replaceSection(doc, `${BEGIN}\nnew\n${END}`)).toBe(`# Title\n\nbefore\n${BEGIN}\nnew\n${END}\nafter\n`);
  });

  it.each([
    ['no markers', '# Title\n'],
    ['only the first marker', `${BEGIN}\n`],
    ['the markers swapped', `${END}\n${BEGIN}\n`],
  ])('refuses a document with %s', (_name, doc) => {
    expect(() => replaceSection(doc, 'x')).toThrow(/import-graph markers are missing or out of order/);
  });
});
