/**
 * The GitHub Action (action.yml) and its example workflow: the action parses, uploads with codeql-action's
 * upload-sarif, and its scan step, run as GitHub runs it (bash, inputs as environment, from the repository's root),
 * drives the real CLI with flags that exist and writes a SARIF file whose results all point at repository paths.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_URL } from '../../src/report/links';

const root = join(__dirname, '..', '..');
// biome-ignore lint/suspicious/noExplicitAny: YAML is read back as plain data
type AnyYaml = any;
const action: AnyYaml = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
const workflow: AnyYaml = parse(readFileSync(join(root, 'examples', 'github-workflow.yml'), 'utf8'));
const step = (id: string) => action.runs.steps.find((s: AnyYaml) => s.id === id || s.name === id);

/** Runs the action's scan step as the runner would, and returns its outputs and the SARIF it wrote. */
function runScanStep(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'cb-action-'));
  try {
    const scan = step('scan');
    const outputs = join(dir, 'github-output');
    const sarif = join(dir, 'out.sarif');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      GITHUB_OUTPUT: outputs,
      CB_BIN: join(root, 'bin', 'compliance-bot.js'),
      CB_MANIFESTS: '',
      CB_CLUSTER_NAME: '',
      CB_FAIL_ON: '',
      CB_CHECKS: '',
      CB_SARIF: sarif,
      ...inputs,
    };
    // Every variable the step reads is one the action sets from an input.
    expect(Object.keys(scan.env).sort()).toEqual(
      Object.keys(env)
        .filter((k) => k.startsWith('CB_'))
        .sort(),
    );
    // As the runner runs `shell: bash`: bash --noprofile --norc -eo pipefail.
    const proc = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', scan.run], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = Object.fromEntries(
      readFileSync(outputs, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    const log = out['sarif-file'] ? JSON.parse(readFileSync(out['sarif-file'], 'utf8')) : null;
    return { status: proc.status, stderr: proc.stderr, out, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('GitHub Action: action.yml', () => {
  it('is a composite action that installs the CLI, scans, uploads with upload-sarif and gates on the exit code', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['manifests', 'cluster-name', 'fail-on', 'checks', 'sarif-file', 'upload']),
    );
    const upload = action.runs.steps.find((s: AnyYaml) =>
      String(s.uses).startsWith('github/codeql-action/upload-sarif@'),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(upload.with.sarif_file).toBe('${{ steps.scan.outputs.sarif-file }}');
    expect(upload.if).toContain('always()');
    const gate = step('Gate');
    expect(gate.if).toContain("steps.scan.outputs.exit-code != '0'");
    // No input is spliced into a script: they reach the shell as environment variables only.
    for (const s of action.runs.steps) expect(String(s.run ?? '')).not.toMatch(/\$\{\{\s*inputs\./);
  });

  it('runs the scan step against the real CLI: exit code 0, a SARIF file whose results point at repository files', () => {
    const { status, stderr, out, log } = runScanStep({ CB_MANIFESTS: 'examples/demo-cluster' });
    expect([status, stderr]).toEqual([0, '']);
    expect(out['exit-code']).toBe('0');
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    const uris: string[] = results.map((r: AnyYaml) => r.locations[0].physicalLocation.artifactLocation.uri);
    for (const uri of uris) expect(uri).toMatch(/^(examples\/demo-cluster\/|k8s\/demo-cluster\/)[^\s]+$/);
    expect(uris).toContain('examples/demo-cluster/ci/deployer.yaml');
  }, 120_000);

  it('passes --fail-on, --cluster-name and --checks through: exit code 1 on a critical finding, still a SARIF file', () => {
    const { status, out, log } = runScanStep({
      CB_MANIFESTS: 'examples/demo-cluster',
      CB_FAIL_ON: 'high',
      CB_CLUSTER_NAME: 'prod',
      CB_CHECKS: 'k8s.rbac.*',
    });
    expect(status).toBe(0);
    expect(out['exit-code']).toBe('1');
    expect(log.runs[0].results.every((r: AnyYaml) => r.ruleId.startsWith('k8s.rbac.'))).toBe(true);
    expect(log.runs[0].results[0].properties.target).toBe('prod');
  }, 120_000);

  it('records exit code 2 and no SARIF file for a folder that does not exist', () => {
    const { status, out } = runScanStep({ CB_MANIFESTS: 'no/such/folder' });
    expect(status).toBe(0);
    expect(out['exit-code']).toBe('2');
    expect(out['sarif-file']).toBeUndefined();
  }, 120_000);
});

describe('GitHub Action: examples/github-workflow.yml', () => {
  it('may upload to code scanning and uses the action with inputs it declares', () => {
    expect(workflow.permissions['security-events']).toBe('write');
    const steps: AnyYaml[] = Object.values(workflow.jobs).flatMap((j: AnyYaml) => j.steps);
    expect(steps[0].uses).toMatch(/^actions\/checkout@/);
    const use = steps.find((s) => String(s.uses).includes('compliance-bot'));
    expect(`https://github.com/${String(use.uses).split('@')[0]}`).toBe(PROJECT_URL);
    for (const key of Object.keys(use.with)) expect(Object.keys(action.inputs)).toContain(key);
  });
});
