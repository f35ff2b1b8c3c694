/**
 * The deploy-time pieces on their own, without serverless: the configuration's validation and derived values
 * (infra/deploy-config.js), the per-function IAM built from it (infra/iam.js), and the Kubernetes RBAC manifests.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { PROBE_STEP_NAME } from '../../src/collectors/host/ssm';
import { LISTS } from '../../src/collectors/k8s/kinds';
import { parseConfig } from '../../src/config/load';
import { ROOT } from './sls';

// biome-ignore lint/suspicious/noExplicitAny: CommonJS infra modules and CloudFormation JSON are untyped
type Json = any;
const deployConfig: Json = require('../../infra/deploy-config.js');
const { buildIam }: Json = require('../../infra/iam.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function configFile(text: string): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, text);
  return file;
}

const ctx = {
  service: 'compliance-bot',
  stage: 'prod',
  region: 'eu-west-1',
  documentName: 'ComplianceBot-HostProbe-prod',
  kmsKeyArn: '',
  nodeRoleNames: [],
  permissionsBoundary: '',
  snapshotSeriesPrefix: 'snapshots/default/',
};

/** CloudFormation Fn::Sub variables, spelled so that they are not mistaken for template placeholders. */
const BUCKET = '$' + '{SnapshotBucket.Arn}';
const REGION = '$' + '{AWS::Region}';

const statements = (iam: Json, role: string): Json[] =>
  iam.Resources[role].Properties.Policies[0].PolicyDocument.Statement;

describe('Module: infra/deploy-config.js', () => {
  describe('Function: derive', () => {
    it('fails the deployment when the configuration is invalid, naming the key', () => {
      const file = configFile('clusters:\n  - name: Prod Cluster\n    manifests: ./x\n');
      expect(() => deployConfig.derive(file)).toThrow(/clusters\[0\]\.name/);
    });

    it('takes the schedules from the configuration, and a stage parameter overrides them', () => {
      const file = configFile("schedules:\n  nightly: { cron: 'cron(15 3 * * ? *)', timezone: America/New_York }\n");
      expect(deployConfig.derive(file).schedules.nightly).toEqual({
        cron: 'cron(15 3 * * ? *)',
        timezone: 'America/New_York',
      });
      expect(deployConfig.derive(file, { nightlyCron: 'cron(0 4 * * ? *)' }).schedules.nightly.cron).toBe(
        'cron(0 4 * * ? *)',
      );
      expect(deployConfig.derive(file).schedules.digest).toEqual({ cron: 'cron(0 8 ? * MON *)', timezone: 'UTC' });
    });

    it('refuses a schedule that is not an EventBridge Scheduler expression', () => {
      const file = configFile("schedules:\n  nightly: { cron: '0 2 * * *' }\n");
      expect(() => deployConfig.derive(file)).toThrow(/not an EventBridge Scheduler expression/);
    });

    it('refuses a kubeconfig file or a local host group, which a Lambda cannot use', () => {
      expect(() =>
        deployConfig.derive(configFile('clusters: [{ name: a, kubeconfig: { file: ~/.kube/config } }]\n')),
      ).toThrow(/SSM SecureString/);
      expect(() => deployConfig.derive(configFile('hostGroups: [{ name: me, local: true }]\n'))).toThrow(
        /only ssm host groups/,
      );
      // invoke local accepts them: nothing is deployed.
      expect(() =>
        deployConfig.derive(configFile('clusters: [{ name: a, kubeconfig: { file: ./k } }]\n'), {}, { local: true }),
      ).not.toThrow();
    });

    it('hands the functions the configuration with the stack bucket and document, valid once CloudFormation fills them in', () => {
      const file = configFile(
        'scope: nightly\nstore: { type: s3, bucket: somebody-elses-bucket }\nssm: { outputBucket: other }\nslack: { channel: C1 }\n',
      );
      const d = deployConfig.derive(file);
      expect(d.configEnv['Fn::Sub'][1]).toEqual({
        Bucket: { Ref: 'SnapshotBucket' },
        Document: { Ref: 'HostProbeDocument' },
      });
      const text = d.configEnv['Fn::Sub'][0]
        .replace(/\$\{Bucket\}/g, 'stack-bucket')
        .replace(/\$\{Document\}/g, 'Doc-prod');
      const config = parseConfig(text);
      expect(config.store).toEqual({ type: 's3', bucket: 'stack-bucket', prefix: 'snapshots/' });
      expect(config.ssm).toMatchObject({
        outputBucket: 'stack-bucket',
        outputPrefix: 'ssm-output/',
        documentName: 'Doc-prod',
      });
      expect(config.slack?.channel).toBe('C1');
      expect(d.snapshotSeriesPrefix).toBe('snapshots/nightly/');
    });

    it('escapes any other "${" of the configuration for Fn::Sub', () => {
      const $ = '$';
      const file = configFile(`checks: { exclude: ['a${$}{x}'] }\n`);
      const text = deployConfig.derive(file).deployedConfig;
      expect(text).toContain(`a${$}{!x}`);
      expect(text).toContain(`"bucket":"${$}{Bucket}"`);
    });

    it('refuses a configuration too large for the Lambda environment, saying so', () => {
      const users = Array.from({ length: 400 }, (_, i) => `U${String(i).padStart(8, '0')}`);
      const file = configFile(`slack: { allow: { scan: { users: [${users.join(', ')}] } } }\n`);
      expect(() => deployConfig.derive(file)).toThrow(/bytes as JSON; the Lambda environment holds/);
    });

    it('uses the defaults when the configuration file does not exist', () => {
      const d = deployConfig.derive(join(dir, 'missing.yaml'));
      expect(d.found).toBe(false);
      expect(d.iam.hostGroups).toEqual([]);
      expect(d.schedules.nightly.cron).toBe('cron(0 2 * * ? *)');
    });
  });
});

describe('Module: infra/iam.js', () => {
  describe('Function: buildIam', () => {
    it('grants no SSM Run Command, EKS or secret access when nothing is configured', () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), ctx);
      const actions = statements(iam, 'NightlyScanRole').flatMap((s: Json) => s.Action);
      expect(actions).not.toContain('ssm:SendCommand');
      expect(actions.filter((a: string) => a.startsWith('eks:'))).toEqual([]);
      expect(actions).not.toContain('secretsmanager:GetSecretValue');
      expect(actions).not.toContain('ssm:DescribeInstanceInformation');
    });

    it('grants the EC2 reads of the nodes only with host groups: three Describe actions and the role policy names', () => {
      const none = statements(buildIam(deployConfig.iamScope(parseConfig('{}')), ctx), 'NightlyScanRole');
      expect(none.flatMap((s: Json) => s.Action).filter((a: string) => /^(ec2|iam):/.test(a))).toEqual([]);
      const scope = deployConfig.iamScope(parseConfig('hostGroups: [{ name: w, ssm: { tags: { role: [worker] } } }]'));
      const iam = buildIam(scope, ctx);
      for (const role of ['NightlyScanRole', 'ScanWorkerRole']) {
        const ec2 = statements(iam, role).filter((s: Json) => s.Action.some((a: string) => /^(ec2|iam):/.test(a)));
        expect(ec2).toEqual([
          {
            Sid: 'Ec2DescribeNodes',
            Effect: 'Allow',
            Action: ['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVolumes'],
            Resource: '*',
          },
          {
            Sid: 'ReadNodeInstanceProfiles',
            Effect: 'Allow',
            Action: ['iam:GetInstanceProfile'],
            Resource: [{ 'Fn::Sub': `arn:$${'{AWS::Partition}'}:iam::$${'{AWS::AccountId}'}:instance-profile/*` }],
          },
          {
            Sid: 'ListNodeRolePolicies',
            Effect: 'Allow',
            Action: ['iam:ListAttachedRolePolicies', 'iam:ListRolePolicies'],
            Resource: [{ 'Fn::Sub': `arn:$${'{AWS::Partition}'}:iam::$${'{AWS::AccountId}'}:role/*` }],
          },
        ]);
      }
      // Never to the functions that do not scan, and never a policy document read.
      for (const role of ['SlackRole', 'WeeklyDigestRole']) {
        expect(JSON.stringify(statements(iam, role))).not.toMatch(/"(ec2|iam):/);
      }
      expect(JSON.stringify(iam)).not.toMatch(/iam:Get(Role)?Policy"/);
    });

    it('requires every tag of a host group (AND), as SSM Targets do', () => {
      const scope = deployConfig.iamScope(
        parseConfig('hostGroups: [{ name: w, ssm: { tags: { role: [worker], env: [prod, staging] } } }]'),
      );
      const send = statements(buildIam(scope, ctx), 'NightlyScanRole').find((s: Json) => s.Sid === 'SendToTaggedNodes');
      expect(send.Condition).toEqual({
        StringEquals: { 'ssm:resourceTag/role': ['worker'], 'ssm:resourceTag/env': ['prod', 'staging'] },
      });
    });

    it('refuses a host group in another region than the stack', () => {
      const scope = deployConfig.iamScope(
        parseConfig('hostGroups: [{ name: w, ssm: { tags: { a: [b] }, region: us-east-1 } }]'),
      );
      expect(() => buildIam(scope, ctx)).toThrow(/one stack per region/);
    });

    it('adds KMS use only through S3 and SSM when the bucket has a customer key', () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), {
        ...ctx,
        kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k',
      });
      const kms = statements(iam, 'NightlyScanRole').find((s: Json) => s.Sid === 'UseBucketKey');
      expect(kms.Resource).toEqual(['arn:aws:kms:eu-west-1:1:key/k']);
      expect(Object.keys(kms.Condition.StringEquals)).toEqual(['kms:ViaService']);
    });

    it("lets the nodes write only the probe step's output keys", () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), ctx);
      const put = iam.Resources.NodeSsmOutputPolicy.Properties.PolicyDocument.Statement.find(
        (s: Json) => s.Sid === 'WriteProbeOutput',
      );
      expect(put.Resource).toEqual([
        { 'Fn::Sub': `\${SnapshotBucket.Arn}/ssm-output/*/awsrunShellScript/${PROBE_STEP_NAME}/*` },
      ]);
    });

    const putStatements = (iam: Json, role: string) =>
      statements(iam, role).filter((s: Json) => s.Action.includes('s3:PutObject'));
    const resourcesOf = (s: Json): string[] => s.Resource.map((r: Json) => r['Fn::Sub'] ?? JSON.stringify(r));

    it('gives the Slack endpoint only what its code calls: its own markers, its parameters, the worker', () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), ctx);
      const slack = statements(iam, 'SlackRole');
      expect([...new Set(slack.flatMap((s: Json) => s.Action))].sort()).toEqual([
        'lambda:InvokeFunction',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:DeleteObject',
        's3:PutObject',
        'ssm:GetParameter',
      ]);
      // No snapshot reads, no listing, no waiver document: the worker does those.
      const puts = putStatements(iam, 'SlackRole');
      expect(puts.flatMap(resourcesOf)).toEqual([
        `${BUCKET}/snapshots/markers/requests/*`,
        `${BUCKET}/snapshots/markers/ratelimit/*`,
      ]);
      for (const s of puts) expect(s.Condition).toEqual({ Null: { 's3:if-none-match': 'false' } });
      const deletes = slack.filter((s: Json) => s.Action.includes('s3:DeleteObject'));
      expect(deletes.flatMap(resourcesOf)).toEqual([`${BUCKET}/snapshots/markers/requests/*`]);
    });

    it('lets the scans create snapshot, summary, scope, RBAC-facts and marker keys only with If-None-Match', () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), ctx);
      for (const role of ['NightlyScanRole', 'ScanWorkerRole', 'WeeklyDigestRole']) {
        for (const s of putStatements(iam, role)) {
          const waiverDoc = resourcesOf(s).every((r) => r.endsWith('/snapshots/_waivers.json'));
          if (!waiverDoc)
            expect({ role, sid: s.Sid, c: s.Condition }).toEqual({
              role,
              sid: s.Sid,
              c: { Null: { 's3:if-none-match': 'false' } },
            });
          expect(s.Condition).toBeDefined();
        }
      }
      const nightly = putStatements(iam, 'NightlyScanRole').flatMap(resourcesOf);
      expect(nightly).toEqual([
        `${BUCKET}/snapshots/default/*`,
        `${BUCKET}/snapshots/_scopes/*`,
        `${BUCKET}/snapshots/_rbac/*`,
        `${BUCKET}/snapshots/markers/*`,
      ]);
      // Only the worker records waivers: created once, then replaced only by compare-and-swap on the ETag it read.
      const waivers = putStatements(iam, 'ScanWorkerRole').filter((s: Json) =>
        resourcesOf(s).includes(`${BUCKET}/snapshots/_waivers.json`),
      );
      expect(waivers.map((s: Json) => s.Condition)).toEqual([
        { Null: { 's3:if-none-match': 'false' } },
        { Null: { 's3:if-match': 'false' } },
      ]);
      expect(putStatements(iam, 'WeeklyDigestRole').flatMap(resourcesOf)).toEqual([`${BUCKET}/snapshots/markers/*`]);
    });

    it('gives the Slack endpoint the bucket key only to encrypt its markers and to decrypt its parameters', () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), {
        ...ctx,
        kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k',
      });
      const kms = statements(iam, 'SlackRole').filter((s: Json) => s.Action.some((a: string) => a.startsWith('kms:')));
      expect(kms.map((s: Json) => [s.Action, s.Condition.StringEquals['kms:ViaService']])).toEqual([
        [['kms:GenerateDataKey'], [{ 'Fn::Sub': `s3.${REGION}.amazonaws.com` }]],
        [['kms:Decrypt'], [{ 'Fn::Sub': `ssm.${REGION}.amazonaws.com` }]],
      ]);
    });

    it('lets every role that writes markers encrypt them with the bucket key (SSE-KMS needs kms:GenerateDataKey)', () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), {
        ...ctx,
        kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k',
      });
      for (const role of ['NightlyScanRole', 'ScanWorkerRole', 'SlackRole', 'WeeklyDigestRole']) {
        const actions = statements(iam, role).flatMap((s: Json) => s.Action);
        expect({
          role,
          puts: actions.includes('s3:PutObject'),
          encrypts: actions.includes('kms:GenerateDataKey'),
        }).toEqual({
          role,
          puts: true,
          encrypts: true,
        });
      }
    });

    it('applies a permissions boundary to every role when given', () => {
      const iam = buildIam(deployConfig.iamScope(parseConfig('{}')), {
        ...ctx,
        permissionsBoundary: 'arn:aws:iam::1:policy/b',
      });
      for (const r of Object.values<Json>(iam.Resources).filter((x) => x.Type === 'AWS::IAM::Role')) {
        expect(r.Properties.PermissionsBoundary).toBe('arn:aws:iam::1:policy/b');
      }
    });
  });
});

describe('Kubernetes manifests (infra/k8s)', () => {
  const docs = (file: string): Json[] =>
    parseAllDocuments(readFileSync(join(ROOT, 'infra', 'k8s', file), 'utf8')).map((d) => d.toJS());
  const WRITE_VERBS = [
    'create',
    'update',
    'patch',
    'delete',
    'deletecollection',
    'escalate',
    'bind',
    'impersonate',
    '*',
  ];

  it('grants the scanner get and list only, on named resources, and never Secrets', () => {
    const role = docs('clusterrole.yaml').find((d) => d.kind === 'ClusterRole');
    for (const rule of role.rules) {
      for (const v of rule.verbs) expect(['get', 'list']).toContain(v);
      for (const r of rule.resources ?? []) {
        expect(r).not.toBe('*');
        expect(r).not.toMatch(/secrets|exec|proxy|attach|portforward/);
      }
      expect(rule.apiGroups ?? ['']).not.toContain('*');
      for (const v of rule.verbs) expect(WRITE_VERBS).not.toContain(v);
    }
  });

  it('covers every resource the live collector lists', () => {
    const listed = LISTS.map((l) => l.plural).filter((p) => p !== 'secrets');
    const role = docs('clusterrole.yaml').find((d) => d.kind === 'ClusterRole');
    const granted = role.rules.flatMap((r: Json) => r.resources ?? []);
    expect(listed.length).toBeGreaterThan(10);
    for (const p of listed) expect(granted).toContain(p);
  });

  it('keeps Secrets in a separate opt-in role with list only', () => {
    const role = docs('clusterrole-secrets.yaml').find((d) => d.kind === 'ClusterRole');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
  });

  it('maps the scanner roles to the read-only group in the EKS access-entry example, with no access policy', () => {
    const text = readFileSync(join(ROOT, 'infra', 'k8s', 'eks-access-entry.yaml'), 'utf8');
    expect(text).toContain('KubernetesGroups: [compliance-bot:scanners]');
    expect(text).not.toMatch(/AccessPolicies|AmazonEKSClusterAdminPolicy/);
    const binding = docs('clusterrole.yaml').find((d) => d.kind === 'ClusterRoleBinding');
    expect(binding.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'compliance-bot:scanners' },
    ]);
  });
});

describe('Slack app manifest (infra/slack-app-manifest.yml)', () => {
  it('declares the command, interactivity on the same URL and only the scopes the bot uses', () => {
    const m: Json = parseAllDocuments(readFileSync(join(ROOT, 'infra', 'slack-app-manifest.yml'), 'utf8'))[0].toJS();
    expect(m.features.slash_commands.map((c: Json) => c.command)).toEqual(['/compliance']);
    expect(m.settings.interactivity.request_url).toBe(m.features.slash_commands[0].url);
    expect(m.oauth_config.scopes.bot.sort()).toEqual([
      'channels:history',
      'chat:write',
      'commands',
      'files:write',
      'groups:history',
      'usergroups:read',
      'users:read',
    ]);
    expect(m.settings.event_subscriptions).toBeUndefined();
  });
});
