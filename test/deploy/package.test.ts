/**
 * `serverless package` with no AWS credentials and no network, then the generated CloudFormation read back: every
 * function bundled with its handler, the schedules as configured, each role's actions within that function's
 * allow-list (a `*` action fails), the bucket locked down, no secret in the environment, the SSM document equal to the
 * probe. Runs once (about 20 s) in a temporary copy of the service.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { interactionBody, SIGNING_SECRET, signedEvent, slashCommandBody } from '../slack/signing';
import { copyService, declaredFunctions, ROOT, type ServiceCopy, serverless, unzipTo, zipEntries } from './sls';
import { SsmStandIn } from './standins';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read as untyped data
type Json = any;

const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
/** The bucket's ARN in Fn::Sub, spelled so that it is not mistaken for a template placeholder. */
const BUCKET_ARN = '$' + '{SnapshotBucket.Arn}';

/** What each function may do. An action outside its list, or any `*` action, fails the test. */
const ALLOWED: Record<string, string[]> = {
  nightlyScan: [
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    's3:ListBucket',
    's3:GetObject',
    's3:PutObject',
    's3:DeleteObject',
    'ssm:GetParameter',
    'secretsmanager:GetSecretValue',
    'eks:DescribeCluster',
    'eks:ListAccessEntries',
    'eks:DescribeAccessEntry',
    'eks:ListAssociatedAccessPolicies',
    'ssm:SendCommand',
    'ssm:GetCommandInvocation',
    'ssm:ListCommandInvocations',
    'ssm:ListCommands',
    'ssm:DescribeInstanceInformation',
    'ec2:DescribeInstances',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVolumes',
    'iam:GetInstanceProfile',
    'iam:ListAttachedRolePolicies',
    'iam:ListRolePolicies',
    'kms:Decrypt',
    'kms:GenerateDataKey',
  ],
  // The internet-facing function: its markers (create, release), its two parameters, the worker. No snapshot read,
  // no listing, no waiver write: the worker does those.
  slack: [
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    's3:PutObject',
    's3:DeleteObject',
    'ssm:GetParameter',
    'lambda:InvokeFunction',
    'kms:Decrypt',
    'kms:GenerateDataKey',
  ],
  weeklyDigest: [
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    's3:ListBucket',
    's3:GetObject',
    's3:PutObject',
    's3:DeleteObject',
    'ssm:GetParameter',
    'kms:Decrypt',
    'kms:GenerateDataKey',
  ],
};
ALLOWED.scanWorker = [...ALLOWED.nightlyScan, 'sqs:SendMessage'];

/** `*` resources are allowed only for actions that have no resource-level permissions at all. */
const NO_RESOURCE_LEVEL = new Set([
  'ssm:GetCommandInvocation',
  'ssm:ListCommandInvocations',
  'ssm:ListCommands',
  'ssm:DescribeInstanceInformation',
  'ec2:DescribeInstances',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVolumes',
]);

const logicalId = (fn: string) => `${fn[0].toUpperCase()}${fn.slice(1)}LambdaFunction`;
const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const text = (v: Json): string => JSON.stringify(v);

function statementsOf(role: Json): Json[] {
  return role.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
}

describe('serverless package (no AWS credentials, no network)', () => {
  const functions = declaredFunctions();
  const missing = functions.filter((f) => !existsSync(join(ROOT, `${f.handler.replace(/\.[^.]+$/, '')}.ts`)));
  let copy: ServiceCopy;
  let out: string;
  let template: Json;
  let resources: Json;
  /** What `serverless package` printed: its warnings are on stderr. */
  let printed: string;

  beforeAll(async () => {
    copy = copyService();
    // A declared handler whose file is missing is stubbed in the temporary copy only, so the rest can still be
    // checked; the first test below fails and names it.
    for (const f of missing) {
      const name = f.handler.slice(f.handler.lastIndexOf('.') + 1);
      writeFileSync(
        join(copy.dir, `${f.handler.replace(/\.[^.]+$/, '')}.ts`),
        `export const ${name} = async () => 'missing';\n`,
      );
    }
    out = join(copy.dir, 'out');
    const run = await serverless(copy.dir, [
      'package',
      '--stage',
      'ci',
      '--param=configFile=test/deploy/fixtures/config.yaml',
      '--param=nodeRoleNames=eks-node-role',
      '--package',
      out,
    ]);
    printed = `${run.stdout}\n${run.stderr}`;
    template = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
    resources = template.Resources;
  }, 300_000);

  afterAll(() => copy?.remove());

  it('validates serverless.yml without a warning: the framework knows the runtime nodejs22.x', () => {
    expect(printed).not.toContain('Invalid configuration');
    expect(printed).not.toMatch(/provider\.runtime|must be equal to one of the allowed values/);
  });

  it('finds a handler file for every function of serverless.yml', () => {
    expect(functions.map((f) => f.name).sort()).toEqual(['nightlyScan', 'scanWorker', 'slack', 'weeklyDigest']);
    expect(missing.map((f) => `${f.name}: ${f.handler}`)).toEqual([]);
  });

  it('bundles every function with its handler for nodejs22.x, with no source map unless sourceMaps asks', async () => {
    for (const f of functions) {
      const fn = resources[logicalId(f.name)];
      expect(fn).toBeDefined();
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Handler).toBe(f.handler);
      const zip = join(out, `${f.name}.zip`);
      expect(existsSync(zip)).toBe(true);
      const entries = await zipEntries(zip);
      const listing = [...entries.keys()];
      const js = `${f.handler.replace(/\.[^.]+$/, '')}.js`;
      expect(listing).toContain(js);
      // Source maps are off by default (infra/source-maps.js): none ships, the bundle points at none, and Node is not
      // asked to parse one at every cold start.
      expect(listing.filter((p) => p.endsWith('.map'))).toEqual([]);
      const code = entries.get(js)?.toString('utf8') ?? '';
      expect(code).not.toContain('sourceMappingURL');
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS ?? '').not.toContain('--enable-source-maps');
      const exportName = f.handler.slice(f.handler.lastIndexOf('.') + 1);
      expect(code).toMatch(new RegExp(`\\b${exportName}:\\(\\)=>`));
      // The runtime's SDK is used, not a bundled copy (size); everything else is in the bundle, except the digest's
      // native chart renderer.
      const modules = listing.filter((p) => p.startsWith('node_modules/'));
      if (f.name === 'weeklyDigest') {
        expect(
          modules.every((p) => p.startsWith('node_modules/@resvg/') || p.startsWith('node_modules/dejavu-fonts-ttf/')),
        ).toBe(true);
        expect(modules).toContain('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
        expect(modules).toContain('node_modules/@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node');
        expect(fn.Properties.Architectures).toEqual(['x86_64']);
      } else {
        expect(modules).toEqual([]);
        expect(fn.Properties.Architectures).toEqual(['arm64']);
      }
    }
  });

  it("requires at run time only Node built-ins, the runtime's AWS SDK clients, and the packaged chart renderer", async () => {
    const builtins = new Set(require('node:module').builtinModules as string[]);
    for (const f of functions) {
      const js = `${f.handler.replace(/\.[^.]+$/, '')}.js`;
      const code = (await zipEntries(join(out, `${f.name}.zip`))).get(js)?.toString('utf8') ?? '';
      const required = new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
      expect(required.size).toBeGreaterThan(0);
      for (const r of required) {
        const ok =
          builtins.has(r.replace(/^node:/, '')) ||
          /^@aws-sdk\/client-[a-z0-9-]+$/.test(r) ||
          (f.name === 'weeklyDigest' && r === '@resvg/resvg-js');
        expect({ fn: f.name, require: r, ok }).toEqual({ fn: f.name, require: r, ok: true });
      }
    }
  });

  it('keeps every function bundle under 1.5 MB', async () => {
    const sizes: Record<string, { js: number; zip: number }> = {};
    for (const f of functions) {
      const zip = join(out, `${f.name}.zip`);
      const js = `${f.handler.replace(/\.[^.]+$/, '')}.js`;
      const bytes = (await zipEntries(zip)).get(js)?.length ?? Number.NaN;
      sizes[f.name] = { js: bytes, zip: statSync(zip).size };
    }
    process.stdout.write(`bundle sizes (bytes): ${JSON.stringify(sizes)}\n`);
    for (const [name, s] of Object.entries(sizes)) {
      expect({ name, js: s.js, under: s.js < MAX_BUNDLE_BYTES }).toEqual({ name, js: s.js, under: true });
    }
  });

  it('schedules the nightly run and the digest with EventBridge Scheduler, as configured, in the time zone', () => {
    const nightly = resources.NightlySchedule.Properties;
    expect(resources.NightlySchedule.Type).toBe('AWS::Scheduler::Schedule');
    expect(nightly.ScheduleExpression).toBe('cron(30 1 * * ? *)');
    expect(nightly.ScheduleExpressionTimezone).toBe('Europe/Paris');
    expect(nightly.Target.Arn).toEqual({ Ref: 'NightlyRunStateMachine' });
    expect(nightly.Target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': ['ScheduleDlq', 'Arn'] });
    const digest = resources.DigestSchedule.Properties;
    expect(digest.ScheduleExpression).toBe('cron(0 9 ? * MON *)');
    expect(digest.ScheduleExpressionTimezone).toBe('Europe/Paris');
    expect(digest.Target.Arn).toEqual({ 'Fn::GetAtt': ['WeeklyDigestLambdaFunction', 'Arn'] });
    // The scheduler assumes its own role, which can start the nightly run and invoke the digest, nothing else.
    const role = resources.SchedulerRole.Properties;
    expect(text(role.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    expect(text(role.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    const invoke = statementsOf(resources.SchedulerRole).find((s: Json) =>
      asArray(s.Action).includes('lambda:InvokeFunction'),
    );
    expect(text(invoke.Resource)).not.toContain('nightlyScan');
    expect(text(invoke.Resource)).toContain('function:compliance-bot-ci-weeklyDigest');
    expect(text(invoke.Resource)).not.toContain('scanWorker');
  });

  it("gives every function its own role, with actions only from that function's allow-list", () => {
    const roles = new Set<string>();
    for (const f of functions) {
      const roleRef = resources[logicalId(f.name)].Properties.Role;
      const roleId = roleRef['Fn::GetAtt']?.[0] ?? roleRef.Ref ?? roleRef;
      expect(typeof roleId).toBe('string');
      roles.add(roleId);
      const role = resources[roleId];
      expect(role.Type).toBe('AWS::IAM::Role');
      expect(text(role.Properties.AssumeRolePolicyDocument)).toContain('lambda.amazonaws.com');
      for (const s of statementsOf(role)) {
        expect(s.Effect).toBe('Allow');
        for (const a of asArray(s.Action) as string[]) {
          expect({ fn: f.name, action: a, allowed: ALLOWED[f.name].includes(a) }).toEqual({
            fn: f.name,
            action: a,
            allowed: true,
          });
        }
      }
    }
    expect(roles.size).toBe(functions.length);
    // No shared default role: serverless did not create one.
    expect(resources.IamRoleLambdaExecution).toBeUndefined();
  });

  it('has no "*" in any action of any IAM policy in the stack', () => {
    for (const [id, r] of Object.entries<Json>(resources)) {
      const docs: Json[] = [];
      if (r.Type === 'AWS::IAM::Role') docs.push(...(r.Properties.Policies ?? []).map((p: Json) => p.PolicyDocument));
      if (r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::Policy') docs.push(r.Properties.PolicyDocument);
      for (const d of docs) {
        for (const s of d.Statement) {
          for (const a of asArray(s.Action) as string[])
            expect({ id, action: a, star: a.includes('*') }).toEqual({ id, action: a, star: false });
          expect(s.NotAction).toBeUndefined();
          expect(s.NotResource).toBeUndefined();
        }
      }
    }
  });

  it('uses a "*" resource only for actions that have no resource-level permissions', () => {
    for (const f of functions) {
      const roleId = resources[logicalId(f.name)].Properties.Role['Fn::GetAtt'][0];
      for (const s of statementsOf(resources[roleId])) {
        if (asArray(s.Resource).some((r: Json) => r === '*')) {
          for (const a of asArray(s.Action) as string[])
            expect({ action: a, ok: NO_RESOURCE_LEVEL.has(a) }).toEqual({ action: a, ok: true });
        }
      }
    }
    // And infra/iam.js says why, for every one of them.
    const { WILDCARD_REASONS } = require(join(ROOT, 'infra', 'iam.js'));
    for (const f of ['nightlyScan', 'scanWorker']) {
      const roleId = resources[logicalId(f)].Properties.Role['Fn::GetAtt'][0];
      for (const s of statementsOf(resources[roleId]).filter((x: Json) => x.Resource === '*')) {
        expect(WILDCARD_REASONS[s.Sid]).toMatch(/no resource-level permissions/);
      }
    }
  });

  it('names exactly the configured clusters, kubeconfig parameters and secrets, and the Slack parameters', () => {
    const nightly = statementsOf(resources.NightlyScanRole);
    const byAction = (a: string) => nightly.filter((s: Json) => asArray(s.Action).includes(a));
    expect(text(byAction('eks:DescribeCluster'))).toContain('cluster/prod"');
    expect(byAction('eks:DescribeCluster').flatMap((s: Json) => asArray(s.Resource))).toHaveLength(1);
    expect(text(byAction('eks:ListAccessEntries'))).toContain('cluster/prod"');
    for (const a of ['eks:DescribeAccessEntry', 'eks:ListAssociatedAccessPolicies']) {
      expect(text(byAction(a))).toContain('access-entry/prod/*"');
      expect(byAction(a).flatMap((s: Json) => asArray(s.Resource))).toHaveLength(1);
    }
    const params = text(byAction('ssm:GetParameter'));
    expect(params).toContain('parameter/compliance-bot/kubeconfig/onprem');
    expect(params).toContain('parameter/compliance-bot/slack/bot-token');
    expect(params).not.toContain('signing-secret');
    expect(text(byAction('secretsmanager:GetSecretValue'))).toContain('secret:compliance-bot/kubeconfig/lab-??????');
    const slackParams = text(
      statementsOf(resources.SlackRole).filter((s: Json) => asArray(s.Action).includes('ssm:GetParameter')),
    );
    expect(slackParams).toContain('signing-secret');
    expect(slackParams).not.toContain('kubeconfig');
  });

  it('limits ssm:SendCommand to the probe document and to the nodes by tag or by ID', () => {
    const send = statementsOf(resources.NightlyScanRole).filter((s: Json) =>
      asArray(s.Action).includes('ssm:SendCommand'),
    );
    expect(send.length).toBeGreaterThanOrEqual(3);
    for (const s of send) {
      const res = text(s.Resource);
      if (res.includes(':document/')) {
        expect(res).toContain('document/ComplianceBot-HostProbe-ci');
        expect(asArray(s.Resource)).toHaveLength(1);
      } else if (res.includes('instance/*')) {
        expect(s.Condition).toEqual({ StringEquals: { 'ssm:resourceTag/compliance-bot': ['enabled'] } });
      } else {
        expect(res).toContain('instance/i-0123456789abcdef0');
        expect(res).toContain('managed-instance/mi-0123456789abcdef0');
        expect(res).not.toContain('/*');
      }
    }
  });

  it('lets only the slack function invoke the worker, and the nightly run only the nightly function', () => {
    for (const [id, r] of Object.entries<Json>(resources)) {
      if (r.Type !== 'AWS::IAM::Role') continue;
      for (const s of statementsOf(r).filter((x: Json) => asArray(x.Action).includes('lambda:InvokeFunction'))) {
        if (id === 'SlackRole') expect(text(s.Resource)).toMatch(/function:compliance-bot-ci-scanWorker"/);
        else if (id === 'NightlyRunRole') expect(text(s.Resource)).toMatch(/function:compliance-bot-ci-nightlyScan"/);
        else expect(id).toBe('SchedulerRole');
      }
    }
  });

  it('writes snapshots only under the store prefix, and deletes only delivery markers', () => {
    for (const f of functions) {
      const roleId = resources[logicalId(f.name)].Properties.Role['Fn::GetAtt'][0];
      for (const s of statementsOf(resources[roleId])) {
        const actions = asArray(s.Action) as string[];
        if (actions.includes('s3:PutObject')) expect(text(s.Resource)).toMatch(/\/snapshots\//);
        if (actions.includes('s3:DeleteObject')) {
          for (const r of asArray(s.Resource)) expect(text(r)).toMatch(/\/snapshots\/markers\/(requests\/)?\*"/);
        }
      }
    }
    const slackPuts = statementsOf(resources.SlackRole).filter((s: Json) => asArray(s.Action).includes('s3:PutObject'));
    expect(text(slackPuts)).not.toContain('_waivers.json');
    for (const r of slackPuts.flatMap((s: Json) => asArray(s.Resource))) {
      expect(text(r)).toMatch(/\/snapshots\/markers\/(requests|ratelimit)\/\*"/);
    }
  });

  it('creates snapshot keys only with If-None-Match: in every role, and in the bucket policy for every principal', () => {
    for (const f of functions) {
      const roleId = resources[logicalId(f.name)].Properties.Role['Fn::GetAtt'][0];
      for (const s of statementsOf(resources[roleId]).filter((x: Json) => asArray(x.Action).includes('s3:PutObject'))) {
        const waiverDoc = asArray(s.Resource).every((r: Json) => text(r).includes('/snapshots/_waivers.json'));
        expect({ fn: f.name, sid: s.Sid, condition: s.Condition }).toEqual({
          fn: f.name,
          sid: s.Sid,
          condition: waiverDoc
            ? expect.objectContaining({ Null: expect.any(Object) })
            : { Null: { 's3:if-none-match': 'false' } },
        });
      }
    }
    const deny = resources.SnapshotBucketPolicy.Properties.PolicyDocument.Statement.find(
      (s: Json) => s.Sid === 'DenySnapshotOverwrite',
    );
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' } },
    });
    expect(deny.Resource.map((r: Json) => r['Fn::Sub'])).toEqual([
      `${BUCKET_ARN}/snapshots/default/*`,
      `${BUCKET_ARN}/snapshots/_scopes/*`,
      `${BUCKET_ARN}/snapshots/_rbac/*`,
      `${BUCKET_ARN}/snapshots/markers/*`,
    ]);
  });

  it('keeps deleted versions restorable for the configured days (90 by default), and expires RBAC facts', () => {
    const rules = resources.SnapshotBucket.Properties.LifecycleConfiguration.Rules;
    const noncurrent = rules.find((r: Json) => r.Id === 'expire-noncurrent-versions');
    expect(template.Conditions.ExpireNoncurrentVersions).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['days-90', 'days-0'] }],
    });
    expect(noncurrent.Status).toEqual({ 'Fn::If': ['ExpireNoncurrentVersions', 'Enabled', 'Disabled'] });
    expect(noncurrent.NoncurrentVersionExpiration.NoncurrentDays).toEqual({
      'Fn::If': ['ExpireNoncurrentVersions', 90, 36500],
    });
    const rbac = rules.find((r: Json) => r.Id === 'expire-rbac-facts');
    expect(rbac).toMatchObject({ Status: 'Enabled', Prefix: 'snapshots/_rbac/', ExpirationInDays: 30 });
  });

  it('declares the deployment bucket: no public access, versioned, encrypted, owner-enforced, TLS only', () => {
    const created = JSON.parse(readFileSync(join(out, 'cloudformation-template-create-stack.json'), 'utf8')).Resources;
    for (const r of [created, resources]) {
      const b = r.ServerlessDeploymentBucket.Properties;
      expect(b.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
        SSEAlgorithm: 'AES256',
      });
    }
    const b = resources.ServerlessDeploymentBucket.Properties;
    expect(b.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    const tls = resources.ServerlessDeploymentBucketPolicy.Properties.PolicyDocument.Statement[0];
    expect(tls).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': false } } });
  });

  it('throttles the HTTP API and caps the Slack function, from the stage parameters', () => {
    const stages = Object.values<Json>(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    expect(stages[0].Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 5,
      ThrottlingBurstLimit: 10,
    });
    expect(resources.SlackLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(5);
  });

  it('encrypts and versions the bucket, blocks all public access and refuses requests without TLS', () => {
    const b = resources.SnapshotBucket;
    expect(b.DeletionPolicy).toBe('Retain');
    expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      'Fn::If': ['UseKms', expect.objectContaining({ SSEAlgorithm: 'aws:kms' }), { SSEAlgorithm: 'AES256' }],
    });
    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const deny = resources.SnapshotBucketPolicy.Properties.PolicyDocument.Statement.find(
      (s: Json) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
    );
    expect(deny.Effect).toBe('Deny');
    const rules = b.Properties.LifecycleConfiguration.Rules;
    const expiry = rules.find((r: Json) => r.Id === 'expire-old-snapshots');
    expect(expiry.Prefix).toBe('snapshots/default/');
    expect(rules.find((r: Json) => r.Id === 'expire-ssm-output').ExpirationInDays).toBe(7);
    // Object Lock is off by default (objectLockDays 0) and wired to its condition.
    expect(template.Conditions.UseObjectLock).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['days-0', 'days-0'] }] });
    expect(b.Properties.ObjectLockEnabled).toEqual({ 'Fn::If': ['UseObjectLock', true, { Ref: 'AWS::NoValue' }] });
  });

  it('keeps secrets out of the environment: only parameter names, never values', () => {
    for (const f of functions) {
      const vars: Record<string, Json> = resources[logicalId(f.name)].Properties.Environment.Variables;
      for (const name of Object.keys(vars)) expect(name).not.toMatch(/TOKEN|SECRET|PASSWORD|KUBECONFIG|PRIVATE/);
      const all = text(vars);
      expect(all).not.toMatch(/xox[abpr]-|BEGIN [A-Z ]*PRIVATE KEY|client-key-data|"token":/);
      // The configuration names the SecureStrings that hold the secrets.
      expect(all).toContain('/compliance-bot/slack/bot-token');
      expect(vars.COMPLIANCE_BOT_CONFIG['Fn::Sub'][1]).toEqual({
        Bucket: { Ref: 'SnapshotBucket' },
        Document: { Ref: 'HostProbeDocument' },
      });
    }
  });

  it('builds the SSM document from the host probe, byte for byte, with no parameters', () => {
    const doc = resources.HostProbeDocument.Properties;
    expect(doc.DocumentType).toBe('Command');
    expect(doc.Content.schemaVersion).toBe('2.2');
    expect(doc.Content.parameters).toBeUndefined();
    expect(doc.Content.mainSteps).toHaveLength(1);
    expect(doc.Content.mainSteps[0].action).toBe('aws:runShellScript');
    // The probe as it was packaged (the copy), so an edit in the working tree meanwhile cannot race the test.
    const probe = readFileSync(join(copy.dir, 'src', 'collectors', 'host', 'probe.sh'), 'utf8');
    expect(doc.Content.mainSteps[0].inputs.runCommand.join('\n')).toBe(probe);
    // SSM would substitute {{ }} in the script as document parameters.
    expect(probe).not.toContain('{{');
    // SSM documents hold at most 64 KB; the template CloudFormation reads from S3 at most 1 MB.
    expect(Buffer.byteLength(JSON.stringify(doc.Content))).toBeLessThan(64 * 1024);
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(1024 * 1024);
  });

  it('gives the worker reserved concurrency, an on-failure queue, and alarms on its failures', () => {
    expect(resources.ScanWorkerLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(5);
    const cfg = resources.ScanWorkerInvokeConfig.Properties;
    expect(cfg.FunctionName).toEqual({ Ref: 'ScanWorkerLambdaFunction' });
    expect(cfg.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': ['ScanWorkerDlq', 'Arn'] });
    const alarm = resources.ScanWorkerErrorsAlarm.Properties;
    expect(alarm.MetricName).toBe('Errors');
    expect(alarm.Dimensions[0].Value).toEqual({ Ref: 'ScanWorkerLambdaFunction' });
    expect(alarm.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
    expect(resources.ScanWorkerDlqAlarm.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(resources.UnassessedTargetsAlarm.Properties.Namespace).toBe('ComplianceBot');
  });

  it('retries a failed asynchronous night once, and caps the nightly function at the run concurrency', () => {
    // The state machine's Map runs at most runConcurrency items at once (test/deploy/state-machine.test.ts).
    expect(resources.NightlyScanLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(10);
    const cfg = Object.values<Json>(resources).find(
      (r) => r.Type === 'AWS::Lambda::EventInvokeConfig' && text(r.Properties.FunctionName).includes('NightlyScan'),
    );
    expect(cfg.Properties.MaximumRetryAttempts).toBe(1);
  });

  it('routes Slack through one HTTP API POST route', () => {
    const routes = Object.values<Json>(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(routes.map((r) => r.Properties.RouteKey)).toEqual(['POST /slack/events']);
  });

  it('gives the nodes a policy that can only write the probe step output, attached to the named role', () => {
    const p = resources.NodeSsmOutputPolicy.Properties;
    expect(p.Roles).toEqual(['eks-node-role']);
    const writes = p.PolicyDocument.Statement.filter((s: Json) =>
      asArray(s.Action).some((a: string) => /^s3:Put/.test(a)),
    );
    expect(writes).toHaveLength(1);
    // SSM puts output at <prefix>/<CommandId>/<InstanceId>/awsrunShellScript/<step>/stdout: only the deployed
    // document's step is writable. No IAM variable holds the bare instance ID (aws:userid is <role-id>:<instance-id>,
    // ec2:SourceInstanceARN a whole ARN), so the runner's header check is what keeps a node from writing for another.
    const step = resources.HostProbeDocument.Properties.Content.mainSteps[0].name;
    expect(asArray(writes[0].Resource)).toEqual([
      { 'Fn::Sub': `\${SnapshotBucket.Arn}/ssm-output/*/awsrunShellScript/${step}/*` },
    ]);
    expect(p.PolicyDocument.Statement.flatMap((s: Json) => asArray(s.Action)).sort()).toEqual([
      's3:GetEncryptionConfiguration',
      's3:PutObject',
      's3:PutObjectAcl',
    ]);
  });

  /** Unzips a function's package and runs its handler with one event in a child process (the bundle as deployed). */
  async function runBundled(fn: string, event: unknown, env: Record<string, string>): Promise<Json> {
    const dir = join(copy.dir, 'run', fn);
    mkdirSync(dir, { recursive: true });
    await unzipTo(join(out, `${fn}.zip`), dir);
    const f = functions.find((x) => x.name === fn);
    if (!f) throw new Error(`no function ${fn}`);
    const file = join(dir, `${f.handler.replace(/\.[^.]+$/, '')}.js`);
    const exportName = f.handler.slice(f.handler.lastIndexOf('.') + 1);
    const driver = `require(${JSON.stringify(file)}).${exportName}(JSON.parse(process.argv[1]), {awsRequestId: 'r1', getRemainingTimeInMillis: () => 60000}).then((r) => process.stdout.write('RESULT ' + JSON.stringify(r) + '\\n'), (e) => { process.stdout.write('ERROR ' + e.message + '\\n'); process.exitCode = 1; });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', driver, JSON.stringify(event)], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      timeout: 60_000,
    });
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`no result from the bundled ${fn}:\n${stdout}`);
    return JSON.parse(line.slice('RESULT '.length));
  }

  it('answers a signed slash command and refuses a forged one through the bundled Slack handler (Bolt trimmed)', async () => {
    const ssm = await new SsmStandIn().start();
    try {
      ssm.parameters.set('/compliance-bot/slack/bot-token', 'xoxb-bundle-test');
      ssm.parameters.set('/compliance-bot/slack/signing-secret', SIGNING_SECRET);
      const env = {
        COMPLIANCE_BOT_CONFIG: `scope: nightly\nstore: { type: local, dir: ${JSON.stringify(join(copy.dir, 'store'))} }\nclusters: [{ name: prod-eu, manifests: ./m }]\nslack: { channel: CALERTS }\n`,
        SCAN_WORKER_FUNCTION: 'compliance-bot-ci-scanWorker',
        SLACK_BOT_ID: 'BBOT',
        SLACK_BOT_USER_ID: 'UBOT',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        AWS_ENDPOINT_URL_SSM: ssm.url,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_REGION: 'eu-west-1',
      };
      const body = slashCommandBody({ text: 'help', response_url: 'https://hooks.slack.com/commands/T1/1/x' });
      const ok = await runBundled('slack', signedEvent(body), env);
      expect(ok.statusCode).toBe(200);
      expect(JSON.parse(ok.body).text).toContain('*/compliance* commands:');
      const forged = await runBundled('slack', signedEvent(body, { signature: 'v0=deadbeef' }), env);
      expect(forged.statusCode).toBe(401);
      const button = await runBundled(
        'slack',
        signedEvent(interactionBody({ type: 'block_actions' }), { secret: 'wrong' }),
        env,
      );
      expect(button.statusCode).toBe(401);
    } finally {
      await ssm.stop();
    }
  });

  it('leaves out what a function never runs: the OAuth installer and the generated Kubernetes API', async () => {
    const bundles: Record<string, string> = {};
    for (const f of functions) {
      const dir = join(copy.dir, 'run', `${f.name}-text`);
      mkdirSync(dir, { recursive: true });
      await unzipTo(join(out, `${f.name}.zip`), dir);
      bundles[f.name] = readFileSync(join(dir, `${f.handler.replace(/\.[^.]+$/, '')}.js`), 'utf8');
    }
    // Bolt's stub stands where @slack/oauth (and jsonwebtoken) would be; a misuse throws at once.
    expect(bundles.slack).toContain('@slack/oauth is not bundled in this Lambda function');
    expect(bundles.slack).not.toMatch(/JsonWebTokenError|class InstallProvider/);
    // The nightly scan and the worker talk to API servers with KubeConfig alone: no generated API client or model.
    for (const name of ['nightlyScan', 'scanWorker']) {
      expect(bundles[name]).toContain('KubeConfig');
      expect(bundles[name]).not.toMatch(/CoreV1Api|V1PodSpec|ObjectSerializer/);
    }
  });

  it('ships a chart renderer the digest bundle can load on the x86_64 runtime', async () => {
    const dir = join(copy.dir, 'run', 'digest-native');
    mkdirSync(dir, { recursive: true });
    await unzipTo(join(out, 'weeklyDigest.zip'), dir);
    const script =
      'const { Resvg } = require(\'@resvg/resvg-js\'); const png = new Resvg(\'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\').render().asPng(); process.stdout.write(png.subarray(1, 4).toString(\'latin1\'));';
    // Resolved from the package's own node_modules: NODE_PATH empty, cwd the unzipped package.
    const outText = execFileSync(process.execPath, ['-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'latin1',
    });
    expect(outText).toBe('PNG');
  });
});
