/**
 * The weekly digest's posture per framework through the real handler: the week stored by the deployment's own
 * stores (which write the control counts), posted to the local Slack server.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runWeeklyDigest } from '../../handlers/weekly-digest';
import { buildRuntime } from '../../src/app/runtime';
import { openStores } from '../../src/store/open';
import { CLUSTER, HOSTS, LEGACY, NOW, storeWeek } from '../report/digest-week';
import { LocalSlackServer } from './server';
import { BOT_TOKEN, configYaml, tempDir } from './support';

const ssm = mockClient(SSMClient);
const slack = new LocalSlackServer();

beforeAll(() => slack.start());
afterAll(() => slack.stop());

describe('Handler: weekly-digest (posture per framework)', () => {
  it('posts a section per framework with each scope’s counts and change, and says which scopes have none', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: BOT_TOKEN } });
    const dir = tempDir();
    const env = {
      COMPLIANCE_BOT_CONFIG: configYaml(
        dir,
        'schedules:\n  digest: { cron: "cron(0 8 ? * MON *)", timezone: Europe/Berlin }\n',
      ),
      SLACK_API_URL: slack.apiUrl,
    };
    const rt = buildRuntime(env, 'test', { ssm: new SSMClient({}), clock: () => NOW });
    await storeWeek(rt.stores, openStores({ type: 'local', dir }, { clock: () => NOW }));

    const out = await runWeeklyDigest(env, { ssm: new SSMClient({}), now: () => NOW });
    expect(out).toMatchObject({ status: 'posted' });
    const [post] = slack.callsOf('chat.postMessage');
    const blocks = (post.body.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? '');
    const cis = blocks.find((t) => t.startsWith('*Posture: CIS Kubernetes Benchmark 1.12*'));
    expect(cis).toMatch(
      new RegExp(
        `\\n• \`${CLUSTER.scope}\` \\(all but sections [^)]*\\): \\d+ pass, 1 fail, \\d+ unknown \\(of \\d+ automated\\), \\+1 fail since 2026-11-23 \\(newly failing: 5\\.1\\.1\\)\\n• \`${HOSTS.scope}\` \\(sections [^)]*\\): \\d+ pass, 0 fail, 0 unknown \\(of \\d+ automated\\), ±0 fail since 2026-11-23$`,
      ),
    );
    expect(blocks.find((t) => t.startsWith('*Posture: CIS Distribution Independent Linux 2.0.0*'))).toMatch(
      /: \d+ pass, 0 fail, 1 unknown \(of \d+ automated\), ±0 fail, \+1 unknown since 2026-11-23$/,
    );
    expect(blocks).toContain(
      `*Posture per framework not recorded* for \`${LEGACY.scope}\`: the summary of the last scan keeps no control counts.`,
    );
    expect(String(post.body.text)).toMatch(
      /resolved\. Controls: CIS Kubernetes Benchmark 1\.12 1 fail, \d+ unknown; NSA\/CISA Kubernetes Hardening Guide 1\.2 1 fail, \d+ unknown; CIS Distribution Independent Linux 2\.0\.0 0 fail, 1 unknown\.$/,
    );
  });
});
