/** The weekly digest through the real handler: a local store with a week of snapshots, the local Slack server. */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runWeeklyDigest } from '../../handlers/weekly-digest';
import { pngSize } from '../../src/report/digest-chart';
import { openStores } from '../../src/store/open';
import { result, snapshot } from './fixtures';
import { LocalSlackServer } from './server';
import { BOT_TOKEN, configYaml, tempDir } from './support';

const ssm = mockClient(SSMClient);
const slack = new LocalSlackServer();
const NOW = new Date('2026-11-30T08:00:00Z');

beforeAll(() => slack.start());
afterAll(() => slack.stop());

describe('Handler: weekly-digest', () => {
  it('posts the digest with its chart (files.uploadV2) once, even when the schedule fires twice', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: BOT_TOKEN } });
    const dir = tempDir();
    const stores = openStores({ type: 'local', dir }, { clock: () => NOW });
    let previous: string | null = null;
    for (let d = 7; d >= 0; d--) {
      const startedAt = new Date(NOW.getTime() - d * 86_400_000 - 6 * 3_600_000).toISOString();
      const results = Array.from({ length: 3 + d }, (_, i) => result(i, { firstSeen: '2026-11-01T02:00:00.000Z' }));
      const saved = await stores.snapshots.save(
        snapshot({
          scanId: `20261130T0200${d}0Z-abcde${d}`,
          startedAt,
          finishedAt: startedAt,
          results,
          previousSha256: previous,
        }),
      );
      previous = saved.sha256;
    }
    await stores.waivers.add({
      fingerprint: result(0).fingerprint,
      reason: 'vendor fix due',
      expires: new Date(NOW.getTime() + 5 * 86_400_000).toISOString(),
      createdBy: 'slack:UALICE',
      createdAt: NOW.toISOString(),
    });
    const env = { COMPLIANCE_BOT_CONFIG: configYaml(dir, ''), SLACK_API_URL: slack.apiUrl };

    const out = await runWeeklyDigest(env, { ssm: new SSMClient({}), now: () => NOW });
    expect(out).toMatchObject({ status: 'posted', chart: true });
    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toMatchObject({ channel: 'CALERTS' });
    expect(String(posts[0].body.text)).toMatch(
      /^Compliance digest, last 7 days \(2026-11-24 – 2026-11-30\): 3 open, 0 new, 7 resolved\.$/,
    );
    expect(JSON.stringify(posts[0].body.blocks)).toContain('Waivers ending within 14 days');

    const ticket = slack.callsOf('files.getUploadURLExternal');
    expect(ticket).toHaveLength(1);
    expect(ticket[0].body).toMatchObject({ filename: 'compliance-digest-2026-11-30.png' });
    const upload = slack.callsOf('upload');
    expect(upload).toHaveLength(1);
    expect(pngSize(upload[0].raw.subarray(upload[0].raw.indexOf(Buffer.from('\x89PNG', 'latin1'))))).toEqual({
      width: 800,
      height: 400,
    });
    const complete = slack.callsOf('files.completeUploadExternal');
    expect(complete[0].body).toMatchObject({ channel_id: 'CALERTS', thread_ts: '1700000000.000001' });

    expect(await runWeeklyDigest(env, { ssm: new SSMClient({}), now: () => NOW })).toEqual({ status: 'duplicate' });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(slack.callsOf('upload')).toHaveLength(1);
  });

  it('refuses a digest time zone that is not an IANA name before reading the token or the store', async () => {
    ssm.reset();
    const env = {
      COMPLIANCE_BOT_CONFIG: configYaml(
        tempDir(),
        'schedules:\n  digest: { cron: "cron(0 8 ? * MON *)", timezone: Mars/Olympus }\n',
      ),
      SLACK_API_URL: slack.apiUrl,
    };
    await expect(runWeeklyDigest(env, { ssm: new SSMClient({}), now: () => NOW })).rejects.toThrow(
      'schedules.digest.timezone: time zone "Mars/Olympus" is not known: use an IANA name such as "UTC" or "Europe/Berlin"',
    );
    expect(ssm.calls()).toHaveLength(0);
  });
});
