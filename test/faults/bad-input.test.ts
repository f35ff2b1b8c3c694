/**
 * The bad-input corpus: slash-command text (quotes, shell metacharacters, Unicode, 5 KB, empty, random), manifests
 * (malformed YAML, an alias bomb, a 50 MB file, deep nesting, wrong types), probe outputs cut at random points, and
 * configuration files with every key wrong in turn. Each gets a clear error that names what is wrong, within
 * bounded memory, and nothing is written. Bounds on time are the parsers' limits (input length, alias count, file
 * size) asserted by behaviour; how long parsing takes is the benchmark's business (bench/), not a test's.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify } from 'yaml';
import { findCheck } from '../../checks';
import { runProbe } from '../../src/collectors/host/local';
import { HOST_FACT_KEYS, parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { readManifests } from '../../src/collectors/k8s/manifests';
import { ConfigError, parseConfig } from '../../src/config/load';
import { type Command, parseCommand } from '../../src/slack/grammar';
import { tempDir } from './support/invariants';
import { record } from './support/ledger';

const ctx = { clusters: ['prod-eu', 'staging'], isCheck: (id: string) => findCheck(id) !== undefined };
const SAFE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** What a parsed command may carry: known names and IDs only, never text that a shell or a path would act on. */
function expectSafe(c: Command): void {
  switch (c.name) {
    case 'help':
      if (c.problem !== undefined) expect(c.problem.length).toBeGreaterThan(0);
      break;
    case 'scan':
      if (c.selection.kind === 'cluster') expect(ctx.clusters).toContain(c.selection.name);
      break;
    case 'explain':
      expect(ctx.isCheck(c.checkId)).toBe(true);
      break;
    case 'who-can':
      expect(c.verb).toMatch(/^[a-z*]+$/);
      expect(c.resource).toMatch(/^[a-z0-9.*/-]+$/);
      if (c.namespace !== undefined) expect(c.namespace).toMatch(SAFE_NAME);
      break;
    case 'waive':
      expect(c.fingerprint).toMatch(/^[0-9a-f]{20}$/);
      expect(Number.isInteger(c.days)).toBe(true);
      break;
  }
}

describe('Corpus: slash-command text', () => {
  it.each([
    ['empty', '', /^$/],
    ['only spaces', '   \t ', /^$/],
    ['an unclosed quote', 'scan cluster "prod-eu', /quote/],
    ['shell metacharacters', 'scan cluster prod-eu; rm -rf / && $(curl x) | sh', /cluster/],
    ['backticks', 'scan `reboot`', /all/],
    ['a path', 'scan cluster ../../etc/passwd', /unknown cluster|cluster name/],
    ['5 KB', `scan ${'A'.repeat(5 * 1024)}`, /too long/],
    ['control characters', 'scan\u0000cluster\u0007prod-eu', /control characters/],
    ['right-to-left override', 'scan cluster prod\u202Eue-', /unknown cluster|cluster name/],
    ['zero-width joiner', 'scan cluster prod\u200D-eu', /unknown cluster|cluster name/],
    ['emoji', 'explain 🔥', /check|unknown/],
    ['a waiver with a forged fingerprint', 'waive ../../x 5 because', /fingerprint/],
    ['a waiver for 10,000 days', 'waive 0123456789abcdef0123 10000 reason', /days/],
  ])('answers %s with help that names the problem', (_label, text, problem) => {
    const c = parseCommand(text, ctx);
    expect(c.name).toBe('help');
    if (c.name === 'help') expect(c.problem ?? '').toMatch(problem);
  });

  it('never throws and never lets unknown text through, for 3,000 random texts up to 5 KB', () => {
    let n = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.fullUnicodeString({ maxLength: 5_000 }),
          fc
            .array(
              fc.constantFrom(
                'scan',
                'cluster',
                'prod-eu',
                'waive',
                'explain',
                'who-can',
                '"',
                "'",
                ';',
                '$(',
                '|',
                '\\',
                '-n',
                '💥',
                '\u202E',
              ),
              { maxLength: 12 },
            )
            .map((p) => p.join(' ')),
        ),
        (text) => {
          n++;
          const c = parseCommand(text, ctx);
          expectSafe(c);
        },
      ),
      { numRuns: 3_000, seed: 10 },
    );
    record({
      area: 'Bad input',
      scenario: `slash-command text: 13 hostile cases and ${n} random texts`,
      outcome: 'help naming the problem, or a command of known names only; never an exception',
    });
  });
});

describe('Corpus: manifests', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('cb-bad-manifests-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const good = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'fine' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  };

  async function read(files: Record<string, string | Buffer>) {
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
    writeFileSync(join(dir, 'good.yaml'), stringify(good));
    const before = readdirSync(dir).sort();
    const heap = process.memoryUsage().heapUsed;
    const out = await readManifests(dir);
    // Nothing written beside the manifests; the good file is still read, but what the bad input could have held
    // (RBAC objects among others) is unassessed rather than taken for absent.
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(out.objects).toBeGreaterThanOrEqual(1);
    expect(out.facts['k8s.rbac']).toEqual({
      ok: false,
      reason: expect.stringMatching(/^a manifest could not be read: /),
    });
    return { out, heapMb: (process.memoryUsage().heapUsed - heap) / 1048576 };
  }

  it.each([
    ['malformed YAML', { 'bad.yaml': 'kind: ClusterRole\nmetadata: {name: x\n  rules: [' }, /bad\.yaml: invalid YAML/],
    [
      'a YAML alias bomb',
      {
        'bomb.yaml': [
          'a: &a ["x","x","x","x","x","x","x","x","x"]',
          ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
        ].join('\n'),
      },
      /bomb\.yaml: .*(alias|Excessive)/i,
    ],
    [
      'a YAML alias inside the node it names (data that contains itself)',
      { 'loop.yaml': 'metadata: &m\n  name: loop\n  labels: { self: *m }\n' },
      /^loop\.yaml: unreadable YAML from line 1: an alias refers to a node that contains it$/,
    ],
    [
      'deep nesting (5,000 levels)',
      { 'deep.json': `${'['.repeat(5000)}${']'.repeat(5000)}` },
      /deep\.json: a document is not a Kubernetes object/,
    ],
    [
      'wrong types',
      {
        'types.yaml': [
          'apiVersion: 5\nkind: ClusterRole\nmetadata: {name: a}',
          'apiVersion: v1\nkind: [Pod]\nmetadata: {name: b}',
          'apiVersion: v1\nkind: Pod\nmetadata: "c"',
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: d}\nrules: "all"',
          '- just\n- a\n- list',
        ].join('\n---\n'),
      },
      /types\.yaml: (an object without|a Pod without metadata\.name|a document is not)/,
    ],
    ['invalid JSON', { 'bad.json': '{"kind": "Pod", ' }, /bad\.json: invalid JSON/],
    ['binary bytes', { 'bin.yaml': Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c, 0x80, 0x3a, 0x0a]) }, /bin\.yaml: /],
  ])('reports %s with the file name and reads the rest', async (label, files, problem) => {
    const { out, heapMb } = await read(files as Record<string, string | Buffer>);
    const text = out.problems.map((p) => `${p.file}: ${p.message}`).join('\n');
    expect(text).toMatch(problem);
    expect(heapMb).toBeLessThan(200);
    record({
      area: 'Bad input',
      scenario: `manifests: ${label}`,
      outcome: `named with its file: ${out.problems[0]?.message.slice(0, 70) ?? 'no problem'}`,
    });
  });

  it('reads a 50 MB JSON List within bounds, and refuses a file over 64 MiB without reading it', async () => {
    const items = Array.from({ length: 60_000 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${i}`, namespace: 'default' },
      data: { key: 'x'.repeat(800) },
    }));
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    expect(big.length).toBeGreaterThan(50 * 1024 * 1024);
    const huge = Buffer.alloc(65 * 1024 * 1024, 0x20);
    const { out, heapMb } = await read({ 'big.json': big, 'huge.yaml': huge });
    expect(out.problems.map((p) => `${p.file}: ${p.message}`)).toEqual(['huge.yaml: larger than 64 MiB; not read']);
    expect(out.ignored.ConfigMap).toBe(60_000);
    expect(heapMb).toBeLessThan(400);
    record({
      area: 'Bad input',
      scenario: 'manifests: a 50 MB file and a 65 MiB file',
      outcome: '50 MB read within 400 MB of heap; 65 MiB refused unread, by name',
    });
  });
});

describe('Corpus: probe output cut at random points', () => {
  it('never throws, and a cut output never yields a fact as collected', async () => {
    const full = (await runProbe(join(__dirname, '..', 'host', 'roots', 'node-a'))).stdout.trim();
    const target = { name: 'node-a', kind: 'host' as const };
    const whole = parseProbeOutput(full, target);
    expect(Object.values(whole.facts).some((f) => f?.ok)).toBe(true);
    let n = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: full.length - 1 }), (cut) => {
        n++;
        const tf = parseProbeOutput(full.slice(0, cut), target);
        expect(Object.keys(tf.facts).sort()).toEqual([...HOST_FACT_KEYS].sort());
        for (const f of Object.values(tf.facts)) {
          expect(f?.ok).toBe(false);
          if (f && !f.ok) expect(f.reason).toMatch(/printed nothing|truncated|not a probe document/);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
    record({
      area: 'Bad input',
      scenario: `probe output cut at ${n} random points`,
      outcome: 'every host fact unknown, with "truncated" (or "printed nothing"); never an exception',
    });
  });
});

describe('Corpus: configuration with every key wrong in turn', () => {
  const VALID = `
scope: nightly
store: { type: s3, bucket: compliance-snapshots, prefix: cb/ }
clusters:
  - name: prod-eu
    eks: { name: prod-eu, region: eu-west-1 }
    tlsEndpoints: ["api.example.com:443"]
hostGroups:
  - name: workers
    ssm: { tags: { role: [worker] }, timeoutSeconds: 600 }
checks:
  include: ["*"]
  exclude: []
  excludeSystemRbac: true
  certExpiryDays: { high: 30, critical: 7 }
slack:
  channel: CALERTS
  allClear: false
  minSeverity: low
  allow:
    scan: { channels: [CSECOPS], users: [UBOB], userGroups: [] }
`;

  /** Every leaf path of a parsed YAML value. */
  function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
    if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
    return [path];
  }
  /** A value of the wrong type for what is there. */
  function wrong(v: unknown): unknown {
    if (typeof v === 'string') return { not: 'a string' };
    if (typeof v === 'number') return 'not a number';
    if (typeof v === 'boolean') return 'maybe';
    return 42;
  }

  it('names the wrong key and what it expects, for each leaf and each section replaced by a wrong type', () => {
    const base = parseYaml(VALID) as Record<string, unknown>;
    parseConfig(VALID); // the base is valid
    const paths = leaves(base);
    const sections = Object.keys(base).map((k) => [k]);
    const failures: string[] = [];
    for (const path of [...paths, ...sections]) {
      const copy = structuredClone(base);
      let at: Record<string | number, unknown> = copy;
      for (const p of path.slice(0, -1)) at = at[p] as Record<string | number, unknown>;
      const last = path[path.length - 1];
      at[last] = path.length === 1 ? 'not a section' : wrong(at[last]);
      const text = stringify(copy);
      try {
        parseConfig(text, 'compliance-bot.yaml');
        failures.push(`${path.join('.')}: accepted a wrong type`);
      } catch (err) {
        if (!(err instanceof ConfigError)) failures.push(`${path.join('.')}: threw ${String(err)}`);
        else {
          const shown = path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
            .join('')
            .replace(/^\./, '');
          if (!err.message.includes(shown)) failures.push(`${shown}: message does not name it: ${err.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    record({
      area: 'Bad input',
      scenario: `configuration: ${paths.length} keys and ${sections.length} sections wrong in turn`,
      outcome: 'ConfigError naming the key path and what is expected',
    });
  });

  it('refuses malformed YAML, duplicate keys, an alias bomb and an alias inside its own node in the configuration with a clear error', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`),
      'scope: nightly',
    ].join('\n');
    for (const [text, msg] of [
      ['scope: [nightly', /invalid YAML/],
      ['scope: a\nscope: b', /invalid YAML.*(unique|duplicate)/i],
      [bomb, /(alias|Excessive|invalid|not valid)/i],
      [
        'a: &x { b: *x }\nscope: nightly',
        /^compliance-bot\.yaml: unreadable YAML: an alias refers to a node that contains it$/,
      ],
    ] as const) {
      expect(() => parseConfig(text, 'compliance-bot.yaml')).toThrow(msg);
    }
    record({
      area: 'Bad input',
      scenario: 'configuration: malformed YAML, duplicate keys, alias bomb, alias inside its own node',
      outcome: 'ConfigError naming the problem',
    });
  });
});
