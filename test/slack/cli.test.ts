/** `compliance-bot notify` and `compliance-bot digest`, run in-process against a real local store. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as digest } from '../../src/cli/commands/digest';
import { run as notify } from '../../src/cli/commands/notify';
import { pngSize } from '../../src/report/digest-chart';
import { openStores } from '../../src/store/open';
import { result, snapshot } from './fixtures';
import { LocalSlackServer } from './server';
import { configYaml, tempDir } from './support';

const slack = new LocalSlackServer();
let dir: string;

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: dir, env } };
}

beforeAll(async () => {
  await slack.start();
  dir = tempDir('slack-cli-');
  writeFileSync(join(dir, 'compliance-bot.config.yaml'), configYaml('store'));
  const stores = openStores({ type: 'local', dir: join(dir, 'store') });
  const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  const pass = { ...result(1), status: 'pass' as const };
  const a = await stores.snapshots.save(
    snapshot({ scanId: '20261129T020000Z-aaaaaa', startedAt: day(2), finishedAt: day(2), results: [result(0), pass] }),
  );
  await stores.snapshots.save(
    snapshot({
      scanId: '20261130T020000Z-bbbbbb',
      startedAt: day(1),
      finishedAt: day(1),
      results: [result(0), result(1, { severity: 'critical' })],
      previousSha256: a.sha256,
    }),
  );
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

describe('Command: notify', () => {
  it('prints the messages of the latest diff as a JSON array with --dry-run', async () => {
    const t = io();
    expect(await notify(['--dry-run'], t.io)).toBe(0);
    const messages = JSON.parse(t.out.join(''));
    expect(messages).toEqual([
      expect.objectContaining({
        channel: 'CALERTS',
        scope: 'nightly',
        scanId: '20261130T020000Z-bbbbbb',
        part: 1,
        thread: false,
        text: expect.stringMatching(/^1 regression in nightly/),
      }),
    ]);
    expect(JSON.stringify(messages[0].blocks)).toContain(result(1).fingerprint);
  });

  it('posts once: a second run finds the scan already posted', async () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_API_URL: slack.apiUrl };
    const first = io(env);
    expect(await notify([], first.io)).toBe(0);
    expect(first.err.join('')).toContain('posted 1 message(s) to CALERTS');
    const second = io(env);
    expect(await notify([], second.io)).toBe(0);
    expect(second.err.join('')).toContain('already posted');
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('exits 2 without a token, an unknown flag, a bad channel or a path-like scope', async () => {
    for (const args of [[], ['--bogus'], ['--channel', '#general'], ['--scope', '../etc']]) {
      const t = io();
      expect(await notify(args, t.io)).toBe(2);
      expect(t.err.join('')).toMatch(/^compliance-bot notify: /);
    }
  });

  it('exits 3 when Slack refuses the post, with the reason', async () => {
    slack.fail('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const t = io({ SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_API_URL: slack.apiUrl });
    expect(await notify(['--channel', 'COTHER'], t.io)).toBe(3);
    expect(t.err.join('')).toContain('not_in_channel');
  });
});

describe('Command: digest', () => {
  it('prints the digest with --dry-run and writes the chart PNG', async () => {
    const t = io();
    expect(await digest(['--dry-run', '--chart', 'chart.png'], t.io)).toBe(0);
    const [m] = JSON.parse(t.out.join(''));
    expect(m).toMatchObject({
      channel: 'CALERTS',
      chart: 'png',
      text: expect.stringMatching(/^Compliance digest, last 7 days \(\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d\): /),
    });
    expect(pngSize(readFileSync(join(dir, 'chart.png')))).toEqual({ width: 800, height: 400 });
  });

  it('cuts the days in the digest schedule’s time zone, and refuses a zone that is not an IANA name', async () => {
    const zoned = (timezone: string) => {
      const t = io();
      t.io.cwd = tempDir('slack-cli-tz-');
      writeFileSync(
        join(t.io.cwd, 'compliance-bot.config.yaml'),
        configYaml(
          join(dir, 'store'),
          `schedules:\n  digest: { cron: "cron(0 8 ? * MON *)", timezone: ${timezone} }\n`,
        ),
      );
      return t;
    };
    const berlin = zoned('Europe/Berlin');
    expect(await digest(['--dry-run'], berlin.io)).toBe(0);
    expect(JSON.parse(berlin.out.join(''))[0].text).toMatch(/^Compliance digest, last 7 days \(.+, Europe\/Berlin\): /);
    const mars = zoned('Mars/Olympus');
    expect(await digest(['--dry-run'], mars.io)).toBe(2);
    expect(mars.err.join('')).toContain(
      'schedules.digest.timezone in the configuration: time zone "Mars/Olympus" is not known: use an IANA name',
    );
  });

  it('refuses --days 0 with exit code 2', async () => {
    const t = io();
    expect(await digest(['--days', '0'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('--days');
  });

  it('posts the digest and its chart', async () => {
    const t = io({ SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_API_URL: slack.apiUrl });
    expect(await digest(['--channel', 'CDIGEST'], t.io)).toBe(0);
    expect(slack.callsOf('chat.postMessage')[0].body).toMatchObject({ channel: 'CDIGEST' });
    expect(slack.callsOf('files.completeUploadExternal')).toHaveLength(1);
  });
});
