/**
 * The program as a whole, in-process: parsing, help and errors come from the registry's definitions
 * (src/cli/registry.ts), and every command answers bad input with a message and exit code 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { COMMANDS } from '../../src/cli/registry';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { type CliOutcome, runCli } from '../support/cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-program-'));
  writeFileSync(join(dir, 'dump.yaml'), stringify({ apiVersion: 'v1', kind: 'List', items: FIXTURE_OBJECTS }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], cwd = dir, now?: () => Date): Promise<CliOutcome> {
  return runCli(args, { cwd, env: {}, ...(now ? { now } : {}) });
}

/** `--store <LOCATION>` → `--store`; `-n, --namespace <NAMESPACE>` → `--namespace`. */
const longFlag = (flags: string) => /--[a-z][a-z-]*/.exec(flags)?.[0] ?? flags;

describe('CLI: the program', () => {
  it('lists every command of the registry, with its summary, in `--help` (exit 0)', async () => {
    const out = await cli(['--help']);
    expect(out.code).toBe(0);
    for (const spec of COMMANDS) {
      expect(out.stdout).toMatch(new RegExp(`\\n  ${spec.name}\\b`));
      expect(out.stdout.replace(/\s+/g, ' ')).toContain(spec.summary);
    }
  });

  it('prints the help and exits 2 when no command is given', async () => {
    const out = await cli([]);
    expect(out.code).toBe(2);
    expect(out.stdout).toMatch(/^Usage: compliance-bot \[options\] \[command\]/);
  });

  it.each(COMMANDS.map((c) => [c.name]))(
    'lists every flag of `%s` in its `--help`, from its definition',
    async (name) => {
      const spec = COMMANDS.find((c) => c.name === name);
      const out = await cli([name, '--help']);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(new RegExp(`^Usage: compliance-bot ${name} `));
      for (const option of spec?.options ?? []) expect(out.stdout).toContain(longFlag(option.flags));
      expect(out.stderr).toBe('');
    },
  );

  it('shows the same help for `help COMMAND` as for `COMMAND --help`', async () => {
    const a = await cli(['help', 'verify']);
    const b = await cli(['verify', '--help']);
    expect(a).toEqual(b);
    expect(b.stdout).toContain('--since <DATE>');
  });

  it.each(COMMANDS.filter((c) => c.name !== 'version').map((c) => [c.name]))(
    'answers an unknown flag of `%s` with a usage error and exit code 2, before doing anything',
    async (name) => {
      const out = await cli([name, '--bogus']);
      expect(out).toEqual({
        code: 2,
        stdout: '',
        stderr: `compliance-bot ${name}: Unknown option '--bogus'; see \`compliance-bot ${name} --help\`\n`,
      });
    },
  );

  it('answers an unknown command with exit code 2 and a suggestion', async () => {
    const out = await cli(['wavers']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^compliance-bot: Unknown command 'wavers'.*Did you mean waivers\?/);
  });

  it('answers a flag without its value with exit code 2', async () => {
    const out = await cli(['diff', '--store']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^compliance-bot diff: Option '--store <.*>' argument missing/);
  });

  it('keeps --store and --no-store apart although commander gives them one attribute', async () => {
    const out = await cli(['scan', '--store', 'here', '--no-store']);
    expect(out).toMatchObject({ code: 2, stderr: 'compliance-bot scan: --store and --no-store exclude each other\n' });
  });

  it('prints the version for `--version` and `version`', async () => {
    const a = await cli(['--version']);
    const b = await cli(['version']);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe('CLI: configuration errors', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'cb-config-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it.each([
    ['diff'],
    ['waivers'],
    ['verify'],
    ['notify', '--dry-run'],
    ['digest', '--dry-run'],
    ['scan', '--no-store'],
  ])('names the broken compliance-bot.config.yaml and exits 2 (%s)', async (...args) => {
    writeFileSync(join(work, 'compliance-bot.config.yaml'), 'store:\n  type: ftp\n');
    const out = await cli(args, work);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`^compliance-bot ${args[0]}: .*compliance-bot\\.config\\.yaml`));
    expect(out.stdout).toBe('');
  });

  it('exits 2 with the file named when --config names a file that does not exist', async () => {
    const out = await cli(['waivers', '--config', 'nowhere.yaml'], work);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'compliance-bot waivers: --config nowhere.yaml: no such file; give the path of a configuration file (compliance-bot.config.example.yaml is one to start from)\n',
    );
  });
});

describe('CLI: who-can through commander and the shared request parser', () => {
  const answer = async (args: string[]) => {
    const out = await cli(['who-can', ...args]);
    expect(out.code).toBe(0);
    return out.stdout;
  };

  it('reads `--flag value`, `--flag=value` and `-n value` alike, options before or after the request', async () => {
    const dump = join(dir, 'dump.yaml');
    const spaced = await answer(['get', 'secrets', '--namespace', 'web', '--manifests', dump]);
    expect(spaced).toMatch(/^Who can get secrets in namespace web:\n/);
    expect(spaced).toContain('Group web-devs  [namespace web]');
    expect(await answer(['get', 'secrets', '--namespace=web', `--manifests=${dump}`])).toBe(spaced);
    expect(await answer(['get', 'secrets', '-n', 'web', '--manifests', dump])).toBe(spaced);
    expect(await answer([`--manifests=${dump}`, '-n', 'web', 'get', 'secrets'])).toBe(spaced);
    const named = await answer(['get', 'secrets', '--name=db', '--cluster-scoped', `--manifests=${dump}`, '--json']);
    expect(JSON.parse(named).query).toEqual({
      verb: 'get',
      group: '',
      resource: 'secrets',
      name: 'db',
      namespace: null,
    });
  });

  it.each([
    [['get', 'secrets', '--namespace=../etc'], '"../etc" is not a namespace name'],
    [['get', '/healthz', '--name=x'], 'a non-resource URL has no namespace and no name'],
    [['frob!', 'secrets'], '"frob!" is not a verb'],
    [['get'], 'give a VERB and a RESOURCE'],
    [['get', 'pods', 'extra'], 'Too many arguments'],
  ])('refuses %j with exit code 2 and the reason', async (args, reason) => {
    const out = await cli(['who-can', ...args, `--manifests=${join(dir, 'dump.yaml')}`]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^compliance-bot who-can: /);
    expect(out.stderr).toContain(reason);
  });
});

describe('CLI: the context', () => {
  it("gives every command the io's clock: the waiver's dates and the store's policy check alike", async () => {
    const work = mkdtempSync(join(tmpdir(), 'cb-clock-'));
    try {
      const now = () => new Date('2030-01-01T00:00:00.000Z');
      const fp = 'abcdefabcdefabcdef00';
      const args = ['waive', fp, '--days', '30', '--reason', 'Soon.', '--by', 'ci', '--force', '--store', 'store'];
      const waived = await cli(args, work, now);
      expect(waived).toMatchObject({ code: 0, stderr: '' });
      expect(waived.stdout).toMatch(
        new RegExp(`^Waived ${fp} \\(a finding not seen yet\\) until 2030-01-31T00:00:00.000Z `),
      );
      const listed = await cli(['waivers', '--store', 'store', '--format', 'json'], work, now);
      expect(JSON.parse(listed.stdout)).toMatchObject([
        { fingerprint: fp, createdAt: '2030-01-01T00:00:00.000Z', status: 'active' },
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
