/**
 * One dialect for every command: `-h`/`--help` and `help COMMAND`, `--format` for output formats, the demo cluster
 * when there is no kubeconfig, and a file that cannot be written refused in one sentence with exit code 2.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../src/cli/errors';
import { COMMANDS } from '../../src/cli/registry';
import { type CliOutcome, runCli } from '../support/cli';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cb-dialect-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = { HOME: home }): Promise<CliOutcome> {
  return runCli(args, { cwd: home, env });
}

describe('CLI: one dialect', () => {
  it.each(COMMANDS.map((c) => [c.name]))('answers `%s -h` and `help COMMAND` with its --help', async (name) => {
    const long = await cli([name, '--help']);
    expect(long.code).toBe(EXIT.ok);
    expect(await cli([name, '-h'])).toEqual(long);
    expect(await cli(['help', name])).toEqual(long);
  });

  it('takes --format text|json in who-can, and --json as the deprecated spelling of --format json', async () => {
    const json = await cli(['who-can', 'get', 'secrets', '-n', 'shop', '--format', 'json']);
    expect(json.code).toBe(EXIT.ok);
    expect(JSON.parse(json.stdout)).toMatchObject({ query: { verb: 'get' }, subjects: expect.any(Array) });
    expect(await cli(['who-can', 'get', 'secrets', '-n', 'shop', '--json'])).toEqual(json);
    const text = await cli(['who-can', 'get', 'secrets', '-n', 'shop', '--format', 'text']);
    expect(text.stdout).toMatch(/^Who can get secrets in namespace shop:\n/);
    const bad = await cli(['who-can', 'get', 'secrets', '--format', 'yaml']);
    expect(bad).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr: 'compliance-bot who-can: --format "yaml": use one of text, json\n',
    });
    const help = await cli(['who-can', '--help']);
    expect(help.stdout).toContain('--format <FORMAT>');
    expect(help.stdout).toMatch(/--json\s+deprecated: --format json/);
  });

  it('reads the demo cluster in who-can when there is no kubeconfig, as scan does, and says so', async () => {
    const out = await cli(['who-can', 'get', 'secrets', '-n', 'shop']);
    expect(out.code).toBe(EXIT.ok);
    expect(out.stdout).toMatch(/^Who can get secrets in namespace shop:\n/);
    expect(out.stderr).toBe(
      'compliance-bot who-can: no kubeconfig (KUBECONFIG, ~/.kube/config): reading the demo cluster in examples/demo-cluster; give --kubeconfig or --manifests for another\n',
    );
  });

  it('says in one sentence what to do when the cluster of the kubeconfig cannot be reached', async () => {
    writeFileSync(
      join(home, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]',
        'contexts: [{name: nowhere, context: {cluster: nowhere, user: u}}]',
        'current-context: nowhere',
        'users: [{name: u, user: {token: not-a-secret}}]',
        '',
      ].join('\n'),
    );
    expect(await cli(['who-can', 'get', 'pods', '--kubeconfig', 'kubeconfig'])).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr:
        "compliance-bot who-can: connection refused by https://127.0.0.1:1; check the kubeconfig's server and the network, or give --manifests DIR\n",
    });
  });

  it('still refuses a kubeconfig that was named and does not exist', async () => {
    const out = await cli(['who-can', 'get', 'secrets', '--kubeconfig', 'missing.yaml']);
    expect(out.code).toBe(EXIT.usage);
    expect(out.stderr).toMatch(/^compliance-bot who-can: [^\n]*missing\.yaml[^\n]*\n$/);
  });

  it.each([
    ['a folder', (dir: string) => mkdirSync(join(dir, 'out')), 'out', 'it is a folder'],
    [
      'a path through a file',
      (dir: string) => writeFileSync(join(dir, 'file'), 'x'),
      'file/report.txt',
      'a part of its path is a file',
    ],
  ])('refuses a scan --output in %s before scanning, in one sentence, exit 2', async (_, setup, output, why) => {
    setup(home);
    const out = await cli(['scan', '--no-host', '--no-store', '--output', output]);
    expect(out).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr: `compliance-bot scan: --output ${output}: cannot write the report there (${why}); give a file in a folder you can write to, or leave --output out to print the report\n`,
    });
  });

  it('names a --config file that does not exist, and a --store that is a file, in one sentence each, exit 2', async () => {
    expect(await cli(['scan', '--no-host', '--config', 'nope.yaml'])).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr:
        'compliance-bot scan: --config nope.yaml: no such file; give the path of a configuration file (compliance-bot.config.example.yaml is one to start from)\n',
    });
    writeFileSync(join(home, 'afile'), 'x');
    for (const command of ['scan', 'diff', 'waivers', 'verify']) {
      expect(await cli([command, '--store', 'afile'])).toEqual({
        code: EXIT.usage,
        stdout: '',
        stderr: `compliance-bot ${command}: --store afile: a file, not a folder; give a folder (made if missing) or s3://BUCKET/PREFIX\n`,
      });
    }
  });

  it('refuses a digest --chart that cannot be written, in one sentence, exit 2', async () => {
    mkdirSync(join(home, 'chart.png'));
    const out = await cli(['digest', '--dry-run', '--store', 'store', '--chart', 'chart.png']);
    expect(out).toEqual({
      code: EXIT.usage,
      stdout: '',
      stderr:
        'compliance-bot digest: --chart chart.png: cannot write the chart there (it is a folder); give a file in a folder you can write to\n',
    });
  });
});

describe('CLI: the real command, its output piped into a reader that stops early', () => {
  // The build `npm ci` makes, so that the command itself has nothing to say on stderr.
  beforeAll(() => (require('../../bin/build-cli.js') as { ensureBuilt(): unknown }).ensureBuilt(), 120_000);

  it('ends quietly when stdout is closed (`compliance-bot --help | head -1`)', async () => {
    const bin = join(__dirname, '..', '..', 'bin', 'compliance-bot.js');
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
  });
});
