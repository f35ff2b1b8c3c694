'use strict';
/**
 * Least privilege, per function: one IAM role per Lambda function, built from the configuration (infra/deploy-config.js)
 * so that each role names exactly the clusters, parameters, secrets, SSM document and tagged instances it may touch.
 * serverless.yml pulls the result into `resources` with `${file(infra/iam.js)}`; test/deploy checks every statement
 * against an allow-list of actions per function.
 *
 * Only three places use `"Resource": "*"`, each because the action has no resource-level permissions at all (see
 * WILDCARD_REASONS, which the test requires for every wildcard statement).
 */
const deployConfig = require('./deploy-config.js');

/** Key prefixes in the snapshot bucket (the store's prefix and the SSM output prefix of src/config/schema.ts). */
const PREFIX = { snapshots: 'snapshots/', ssmOutput: 'ssm-output/', markers: 'snapshots/markers/' };
/**
 * Where the SSM agent puts the probe's output under the output prefix: `<CommandId>/<InstanceId>/awsrunShellScript/
 * <step>/stdout` (and `stderr`), the step being PROBE_STEP_NAME of src/collectors/host/ssm.ts (test/deploy checks it
 * against the packaged document). The nodes may write nothing else.
 */
const PROBE_OUTPUT_KEYS = `${PREFIX.ssmOutput}*/awsrunShellScript/complianceBotHostProbe/*`;
/** The store's waiver document (src/store/layout.ts WAIVERS_KEY, under the store prefix). */
const WAIVERS_KEY = `${PREFIX.snapshots}_waivers.json`;

const FUNCTIONS = {
  nightlyScan: 'NightlyScanRole',
  scanWorker: 'ScanWorkerRole',
  slack: 'SlackRole',
  weeklyDigest: 'WeeklyDigestRole',
};

/** Why a statement has `"Resource": "*"`, by Sid. A wildcard statement without an entry here fails the deploy tests. */
const WILDCARD_REASONS = {
  SsmCommandResults:
    'ssm:GetCommandInvocation, ssm:ListCommandInvocations and ssm:ListCommands support no resource-level permissions; they only read the status and results of commands.',
  SsmManagedInstances:
    'ssm:DescribeInstanceInformation supports no resource-level permissions; it lists which tagged nodes are online so an offline node is reported unknown rather than silently skipped.',
};

const sub = (s) => ({ 'Fn::Sub': s });
const arnPart = (service, region, resource) =>
  sub(`arn:\${AWS::Partition}:${service}:${region ?? '$' + '{AWS::Region}'}:\${AWS::AccountId}:${resource}`);

function logStatements(functionFullName) {
  return [
    {
      Sid: 'OwnLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [arnPart('logs', null, `log-group:/aws/lambda/${functionFullName}:*`)],
    },
  ];
}

function parameterArn(name) {
  if (!name.startsWith('/')) throw new Error(`SSM parameter name "${name}" must start with "/"`);
  return arnPart('ssm', null, `parameter${name}`);
}

function secretArn(nameOrArn) {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  // Secrets Manager appends a 6-character random suffix to every secret's ARN.
  return arnPart('secretsmanager', null, `secret:${nameOrArn}-??????`);
}

function bucketStatements({ read, write, extraReadPrefixes = [] }) {
  const readPrefixes = [PREFIX.snapshots, ...extraReadPrefixes];
  const out = [
    {
      // Key names only. Not narrowed by s3:prefix: without s3:ListBucket on the bucket, S3 answers a GET of a
      // missing key with 403 instead of 404, and "no waiver document yet" or "no marker yet" would look like an error.
      Sid: 'ListBucketKeys',
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [{ 'Fn::GetAtt': ['SnapshotBucket', 'Arn'] }],
    },
    {
      // Slack delivery markers (src/slack/markers.ts, under the store prefix): conditional creates that make posts and
      // jobs idempotent; a claim is deleted when its work failed, so the retry can claim it again.
      Sid: 'DeliveryMarkers',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: [sub(`\${SnapshotBucket.Arn}/${PREFIX.markers}*`)],
    },
  ];
  if (read) {
    out.push({
      Sid: 'ReadSnapshots',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: readPrefixes.map((p) => sub(`\${SnapshotBucket.Arn}/${p}*`)),
    });
  }
  if (write.length > 0) {
    out.push({
      Sid: 'WriteSnapshots',
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: write.map((k) => sub(`\${SnapshotBucket.Arn}/${k}`)),
    });
  }
  return out;
}

function kmsStatements(kmsKeyArn, { encrypt }) {
  if (!kmsKeyArn) return [];
  return [
    {
      Sid: 'UseBucketKey',
      Effect: 'Allow',
      Action: encrypt ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
      Resource: [kmsKeyArn],
      Condition: {
        StringEquals: {
          'kms:ViaService': [sub(`s3.\${AWS::Region}.amazonaws.com`), sub(`ssm.\${AWS::Region}.amazonaws.com`)],
        },
      },
    },
  ];
}

/** Statements that let a function run scans: SSM Run Command on tagged nodes, EKS, kubeconfig secrets. */
function scanStatements(scope, ctx) {
  const out = [];
  const parameters = [scope.slackParameters.botToken, ...scope.kubeconfigParameters];
  out.push({
    Sid: 'ReadParameters',
    Effect: 'Allow',
    Action: ['ssm:GetParameter'],
    Resource: [...new Set(parameters)].map(parameterArn),
  });
  if (scope.kubeconfigSecrets.length > 0) {
    out.push({
      Sid: 'ReadKubeconfigSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: scope.kubeconfigSecrets.map(secretArn),
    });
  }
  if (scope.eksClusters.length > 0) {
    out.push({
      Sid: 'DescribeConfiguredClusters',
      Effect: 'Allow',
      Action: ['eks:DescribeCluster'],
      Resource: scope.eksClusters.map((c) => arnPart('eks', c.region, `cluster/${c.name}`)),
    });
  }
  if (scope.hostGroups.length > 0) {
    out.push({
      Sid: 'SendProbeDocument',
      Effect: 'Allow',
      Action: ['ssm:SendCommand'],
      Resource: [arnPart('ssm', null, `document/${ctx.documentName}`)],
    });
    scope.hostGroups.forEach((g, i) => {
      const suffix = i === 0 ? '' : String(i + 1);
      if (g.tags) {
        const condition = {};
        for (const [key, values] of Object.entries(g.tags)) condition[`ssm:resourceTag/${key}`] = values;
        out.push({
          Sid: `SendToTaggedNodes${suffix}`,
          Effect: 'Allow',
          Action: ['ssm:SendCommand'],
          Resource: [arnPart('ec2', null, 'instance/*'), arnPart('ssm', null, 'managed-instance/*')],
          Condition: { StringEquals: condition },
        });
      } else {
        out.push({
          Sid: `SendToListedNodes${suffix}`,
          Effect: 'Allow',
          Action: ['ssm:SendCommand'],
          Resource: g.instanceIds.map((id) =>
            id.startsWith('mi-')
              ? arnPart('ssm', null, `managed-instance/${id}`)
              : arnPart('ec2', null, `instance/${id}`),
          ),
        });
      }
    });
    out.push({
      Sid: 'SsmCommandResults',
      Effect: 'Allow',
      Action: ['ssm:GetCommandInvocation', 'ssm:ListCommandInvocations', 'ssm:ListCommands'],
      Resource: '*', // No resource-level permissions exist for these read-only actions (WILDCARD_REASONS).
    });
    out.push({
      Sid: 'SsmManagedInstances',
      Effect: 'Allow',
      Action: ['ssm:DescribeInstanceInformation'],
      Resource: '*', // No resource-level permissions exist for this read-only action (WILDCARD_REASONS).
    });
  }
  return out;
}

function role(description, statements, ctx, principal = 'lambda.amazonaws.com') {
  const assume = { Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' };
  if (principal !== 'lambda.amazonaws.com') {
    // Confused-deputy guard: only this account's schedules may assume the role.
    assume.Condition = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };
  }
  const properties = {
    Description: description,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [assume] },
    Policies: [{ PolicyName: 'least-privilege', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
  };
  if (ctx.permissionsBoundary) properties.PermissionsBoundary = ctx.permissionsBoundary;
  return { Type: 'AWS::IAM::Role', Properties: properties };
}

function validateRegions(scope, region) {
  for (const g of scope.hostGroups) {
    if (g.region && g.region !== region) {
      throw new Error(
        `hostGroups.${g.name}: region ${g.region} differs from the stack's region ${region}; the SSM document and its output bucket live in the stack's region, so deploy one stack per region (serverless deploy --region ${g.region})`,
      );
    }
  }
}

/**
 * The roles and the node policy, as CloudFormation resources. `ctx`: service, stage, region, documentName,
 * kmsKeyArn ('' for SSE-S3), nodeRoleNames (roles of the nodes to attach the output policy to),
 * permissionsBoundary ('' for none).
 */
function buildIam(scope, ctx) {
  validateRegions(scope, ctx.region);
  const fn = (name) => `${ctx.service}-${ctx.stage}-${name}`;
  const scanBucket = bucketStatements({
    read: true,
    write: [`${PREFIX.snapshots}*`],
    extraReadPrefixes: scope.hostGroups.length > 0 ? [PREFIX.ssmOutput] : [],
  });
  const Resources = {
    NightlyScanRole: role(
      'compliance-bot nightly scan: SSM Run Command on tagged nodes, read-only cluster access, snapshot writes',
      [
        ...logStatements(fn('nightlyScan')),
        ...scanBucket,
        ...scanStatements(scope, ctx),
        ...kmsStatements(ctx.kmsKeyArn, { encrypt: true }),
      ],
      ctx,
    ),
    ScanWorkerRole: role(
      'compliance-bot scan worker (Slack-triggered scans): as the nightly scan, plus its failure queue',
      [
        ...logStatements(fn('scanWorker')),
        ...scanBucket,
        ...scanStatements(scope, ctx),
        ...kmsStatements(ctx.kmsKeyArn, { encrypt: true }),
        {
          Sid: 'FailureDestination',
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: [{ 'Fn::GetAtt': ['ScanWorkerDlq', 'Arn'] }],
        },
      ],
      ctx,
    ),
    SlackRole: role(
      'compliance-bot Slack endpoint: verifies requests, reads snapshots, writes waivers, starts the worker',
      [
        ...logStatements(fn('slack')),
        ...bucketStatements({ read: true, write: [WAIVERS_KEY] }),
        {
          Sid: 'ReadParameters',
          Effect: 'Allow',
          Action: ['ssm:GetParameter'],
          Resource: [...new Set([scope.slackParameters.botToken, scope.slackParameters.signingSecret])].map(
            parameterArn,
          ),
        },
        {
          Sid: 'StartScanWorker',
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: [arnPart('lambda', null, `function:${fn('scanWorker')}`)],
        },
        ...kmsStatements(ctx.kmsKeyArn, { encrypt: true }),
      ],
      ctx,
    ),
    WeeklyDigestRole: role(
      'compliance-bot weekly digest: reads snapshot summaries, posts to Slack',
      [
        ...logStatements(fn('weeklyDigest')),
        ...bucketStatements({ read: true, write: [] }),
        {
          Sid: 'ReadParameters',
          Effect: 'Allow',
          Action: ['ssm:GetParameter'],
          Resource: [scope.slackParameters.botToken].map(parameterArn),
        },
        ...kmsStatements(ctx.kmsKeyArn, { encrypt: false }),
      ],
      ctx,
    ),
    SchedulerRole: role(
      'compliance-bot EventBridge Scheduler: invokes the nightly scan and the weekly digest only',
      [
        {
          Sid: 'InvokeScheduledFunctions',
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: [
            arnPart('lambda', null, `function:${fn('nightlyScan')}`),
            arnPart('lambda', null, `function:${fn('weeklyDigest')}`),
          ],
        },
        {
          Sid: 'UndeliveredSchedules',
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: [{ 'Fn::GetAtt': ['ScheduleDlq', 'Arn'] }],
        },
      ],
      ctx,
      'scheduler.amazonaws.com',
    ),
    NodeSsmOutputPolicy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Description:
          "Attach to the nodes' instance role (beside AmazonSSMManagedInstanceCore): lets the SSM agent write the probe output to the snapshot bucket",
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              // The agent may send a bucket-owner-full-control ACL with its upload, which needs s3:PutObjectAcl; the
              // bucket enforces owner ownership (ACLs disabled), so that grants nothing more than the write.
              // Not narrower than every instance's keys: IAM has no variable holding the bare instance ID
              // (aws:userid is <role-id>:<instance-id> for an instance profile, ec2:SourceInstanceARN a whole ARN),
              // so a node could write another node's key. The runner uses an S3 copy only when it matches the
              // header of the copy SSM itself returns for that invocation (docs/host.md, "Output integrity").
              Sid: 'WriteProbeOutput',
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:PutObjectAcl'],
              Resource: [sub(`\${SnapshotBucket.Arn}/${PROBE_OUTPUT_KEYS}`)],
            },
            {
              Sid: 'CheckBucketEncryption',
              Effect: 'Allow',
              Action: ['s3:GetEncryptionConfiguration'],
              Resource: [{ 'Fn::GetAtt': ['SnapshotBucket', 'Arn'] }],
            },
            ...(ctx.kmsKeyArn
              ? [
                  {
                    Sid: 'EncryptProbeOutput',
                    Effect: 'Allow',
                    Action: ['kms:GenerateDataKey'],
                    Resource: [ctx.kmsKeyArn],
                  },
                ]
              : []),
          ],
        },
        ...(ctx.nodeRoleNames.length > 0 ? { Roles: ctx.nodeRoleNames } : {}),
      },
    },
  };
  for (const [name, fnKey] of Object.entries(FUNCTIONS)) {
    if (!Resources[fnKey]) throw new Error(`no role for ${name}`);
  }
  const Outputs = {
    NightlyScanRoleArn: {
      Description: 'Grant this role read access in each cluster (EKS access entry or kubeadm RBAC: see docs/deploy.md)',
      Value: { 'Fn::GetAtt': ['NightlyScanRole', 'Arn'] },
    },
    ScanWorkerRoleArn: {
      Description: 'Grant this role read access in each cluster as well (Slack-triggered scans)',
      Value: { 'Fn::GetAtt': ['ScanWorkerRole', 'Arn'] },
    },
    NodeSsmOutputPolicyArn: {
      Description: "Attach to the nodes' instance role so SSM can write probe output to the bucket",
      Value: { Ref: 'NodeSsmOutputPolicy' },
    },
  };
  return { Resources, Outputs };
}

/** The serverless variable resolver: `resources: - ${file(infra/iam.js)}`. */
async function resolve(api) {
  const { resolveVariable } = api;
  const get = async (address, fallback = '') => {
    try {
      const v = await resolveVariable(address);
      return v === null || v === undefined ? fallback : String(v);
    } catch {
      return fallback;
    }
  };
  const derived = await deployConfig(api);
  const stage = await get('sls:stage');
  const service = await get('self:service');
  const ctx = {
    service,
    stage,
    region: await get('self:provider.region'),
    documentName: `${derived.documentName}-${stage}`,
    kmsKeyArn: await deployConfig.stageParam(api, 'kmsKeyArn'),
    nodeRoleNames: (await deployConfig.stageParam(api, 'nodeRoleNames'))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    permissionsBoundary: await deployConfig.stageParam(api, 'permissionsBoundary'),
  };
  return buildIam(derived.iam, ctx);
}

module.exports = resolve;
module.exports.buildIam = buildIam;
module.exports.WILDCARD_REASONS = WILDCARD_REASONS;
module.exports.PREFIX = PREFIX;
