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
const PREFIX = {
  snapshots: 'snapshots/',
  ssmOutput: 'ssm-output/',
  markers: 'snapshots/markers/',
  /** src/store/layout.ts SCOPES_DIR and RBAC_FACTS_DIR, under the store prefix. */
  scopes: 'snapshots/_scopes/',
  rbacFacts: 'snapshots/_rbac/',
};
/** The markers the Slack endpoint writes (src/slack/listeners/command.ts): request dedup and rate-limit slots. */
const SLACK_MARKERS = ['requests/', 'ratelimit/'];
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
  Ec2DescribeNodes:
    'ec2:DescribeInstances, ec2:DescribeSecurityGroups and ec2:DescribeVolumes support no resource-level permissions; they read the metadata options, security groups, addresses and volumes of the instances under the nodes (docs/host.md, "The EC2 instance under each node").',
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

/** S3 condition: the request carries `If-None-Match: *`, so it can only create a key, never replace one. */
const CREATE_ONLY = { Null: { 's3:if-none-match': 'false' } };
/** S3 condition: the request carries `If-Match: <ETag>`, so it can only replace the version it read. */
const REPLACE_READ_VERSION = { Null: { 's3:if-match': 'false' } };

/**
 * Keys a scan creates and never replaces: the snapshot series (snapshots and summaries), the scope markers, the RBAC
 * facts beside the cluster snapshots, and the delivery markers. `seriesPrefix` is the deployment's series prefix
 * (infra/deploy-config.js snapshotSeriesPrefix).
 */
function writeOnceKeys(seriesPrefix) {
  return [`${seriesPrefix}*`, PREFIX.scopes + '*', PREFIX.rbacFacts + '*', PREFIX.markers + '*'];
}

/**
 * `read`: snapshots (and `extraReadPrefixes`) may be read; `writeOnce`: keys that may be created (never replaced);
 * `waivers`: the waiver document may be created or replaced by compare-and-swap on its ETag.
 */
function bucketStatements({ read, writeOnce, waivers = false, extraReadPrefixes = [] }) {
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
      // A claim marker is deleted when its work failed, so the retry can claim it again (src/slack/markers.ts).
      Sid: 'ReleaseDeliveryMarkers',
      Effect: 'Allow',
      Action: ['s3:DeleteObject'],
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
  out.push({
    // Write-once in IAM, not only in the client: a put without If-None-Match (an overwrite) is not allowed here, and
    // the bucket policy denies it to every principal (infra/bucket.yml DenySnapshotOverwrite).
    Sid: 'CreateOnce',
    Effect: 'Allow',
    Action: ['s3:PutObject'],
    Resource: writeOnce.map((k) => sub(`\${SnapshotBucket.Arn}/${k}`)),
    Condition: CREATE_ONLY,
  });
  if (waivers) {
    out.push(
      {
        Sid: 'CreateWaiverDocument',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: [sub(`\${SnapshotBucket.Arn}/${WAIVERS_KEY}`)],
        Condition: CREATE_ONLY,
      },
      {
        // Compare-and-swap on the ETag the writer read (src/store/s3.ts S3WaiverBackend): no blind overwrite.
        Sid: 'UpdateWaiverDocument',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: [sub(`\${SnapshotBucket.Arn}/${WAIVERS_KEY}`)],
        Condition: REPLACE_READ_VERSION,
      },
    );
  }
  return out;
}

/**
 * The bucket's customer key, only through S3 and SSM. `encrypt`: writes (kms:GenerateDataKey); `decrypt`: reads
 * (kms:Decrypt), also what SecureStrings encrypted with that key need; `decrypt: 'ssm'`: for SecureStrings only.
 */
function kmsStatements(kmsKeyArn, { encrypt, decrypt = true }) {
  if (!kmsKeyArn) return [];
  const via = (...services) => ({
    StringEquals: { 'kms:ViaService': services.map((x) => sub(`${x}.\${AWS::Region}.amazonaws.com`)) },
  });
  if (decrypt === 'ssm') {
    return [
      ...(encrypt
        ? [
            {
              Sid: 'UseBucketKey',
              Effect: 'Allow',
              Action: ['kms:GenerateDataKey'],
              Resource: [kmsKeyArn],
              Condition: via('s3'),
            },
          ]
        : []),
      {
        Sid: 'DecryptParameters',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [kmsKeyArn],
        Condition: via('ssm'),
      },
    ];
  }
  const actions = [...(decrypt ? ['kms:Decrypt'] : []), ...(encrypt ? ['kms:GenerateDataKey'] : [])];
  return [
    { Sid: 'UseBucketKey', Effect: 'Allow', Action: actions, Resource: [kmsKeyArn], Condition: via('s3', 'ssm') },
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
      Action: ['eks:DescribeCluster', 'eks:ListAccessEntries'],
      Resource: scope.eksClusters.map((c) => arnPart('eks', c.region, `cluster/${c.name}`)),
    });
    // The access entries of those clusters only (docs/eks.md, "Permissions"): read, never changed.
    out.push({
      Sid: 'ReadConfiguredClustersAccessEntries',
      Effect: 'Allow',
      Action: ['eks:DescribeAccessEntry', 'eks:ListAssociatedAccessPolicies'],
      Resource: scope.eksClusters.map((c) => arnPart('eks', c.region, `access-entry/${c.name}/*`)),
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
    out.push(...ec2Statements());
  }
  return out;
}

/**
 * The EC2 checks of the host groups' nodes (src/collectors/ec2): three EC2 reads, and the names of the instance
 * profiles' role policies (never their documents). The node roles are not known at deploy time (any instance
 * profile of the account may carry a node), so the IAM reads are scoped to the account's instance profiles and roles.
 */
function ec2Statements() {
  const iamArn = (resource) => sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:${resource}`);
  return [
    {
      Sid: 'Ec2DescribeNodes',
      Effect: 'Allow',
      Action: ['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVolumes'],
      Resource: '*', // No resource-level permissions exist for these read-only actions (WILDCARD_REASONS).
    },
    {
      Sid: 'ReadNodeInstanceProfiles',
      Effect: 'Allow',
      Action: ['iam:GetInstanceProfile'],
      Resource: [iamArn('instance-profile/*')],
    },
    {
      Sid: 'ListNodeRolePolicies',
      Effect: 'Allow',
      Action: ['iam:ListAttachedRolePolicies', 'iam:ListRolePolicies'],
      Resource: [iamArn('role/*')],
    },
  ];
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
 * permissionsBoundary ('' for none), snapshotSeriesPrefix (the deployment's series, `snapshots/<scope>/`).
 */
function buildIam(scope, ctx) {
  validateRegions(scope, ctx.region);
  const fn = (name) => `${ctx.service}-${ctx.stage}-${name}`;
  const seriesPrefix = ctx.snapshotSeriesPrefix ?? `${PREFIX.snapshots}default/`;
  if (!seriesPrefix.startsWith(PREFIX.snapshots) || !seriesPrefix.endsWith('/')) {
    throw new Error(`snapshot series prefix "${seriesPrefix}" must be a folder under ${PREFIX.snapshots}`);
  }
  const scanBucket = (waivers) =>
    bucketStatements({
      read: true,
      writeOnce: writeOnceKeys(seriesPrefix),
      waivers,
      extraReadPrefixes: scope.hostGroups.length > 0 ? [PREFIX.ssmOutput] : [],
    });
  const Resources = {
    NightlyScanRole: role(
      'compliance-bot nightly scan: SSM Run Command on tagged nodes, read-only cluster access, snapshot writes',
      [
        ...logStatements(fn('nightlyScan')),
        ...scanBucket(false),
        ...scanStatements(scope, ctx),
        ...kmsStatements(ctx.kmsKeyArn, { encrypt: true }),
      ],
      ctx,
    ),
    ScanWorkerRole: role(
      'compliance-bot scan worker (Slack-triggered scans): as the nightly scan, plus its failure queue',
      [
        ...logStatements(fn('scanWorker')),
        // The worker records waivers (the `waive` command and the "Waive…" modal both reach it as a job).
        ...scanBucket(true),
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
      'compliance-bot Slack endpoint (internet-facing): verifies requests, dedups and rate-limits them, starts the worker',
      [
        ...logStatements(fn('slack')),
        {
          // Everything else (snapshots, waivers, scans) is the worker's: this function only creates its markers,
          // and releases a request marker when the worker could not be started.
          Sid: 'RequestMarkers',
          Effect: 'Allow',
          Action: ['s3:PutObject'],
          Resource: SLACK_MARKERS.map((p) => sub(`\${SnapshotBucket.Arn}/${PREFIX.markers}${p}*`)),
          Condition: CREATE_ONLY,
        },
        {
          Sid: 'ReleaseRequestMarkers',
          Effect: 'Allow',
          Action: ['s3:DeleteObject'],
          Resource: [sub(`\${SnapshotBucket.Arn}/${PREFIX.markers}${SLACK_MARKERS[0]}*`)],
        },
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
        ...kmsStatements(ctx.kmsKeyArn, { encrypt: true, decrypt: 'ssm' }),
      ],
      ctx,
    ),
    WeeklyDigestRole: role(
      'compliance-bot weekly digest: reads snapshot summaries, posts to Slack (delivery markers)',
      [
        ...logStatements(fn('weeklyDigest')),
        ...bucketStatements({ read: true, writeOnce: [`${PREFIX.markers}*`] }),
        {
          Sid: 'ReadParameters',
          Effect: 'Allow',
          Action: ['ssm:GetParameter'],
          Resource: [scope.slackParameters.botToken].map(parameterArn),
        },
        // Its delivery markers are written under the bucket's default encryption.
        ...kmsStatements(ctx.kmsKeyArn, { encrypt: true }),
      ],
      ctx,
    ),
    SchedulerRole: role(
      'compliance-bot EventBridge Scheduler: starts the nightly run and invokes the weekly digest only',
      [
        {
          Sid: 'InvokeScheduledFunctions',
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: [arnPart('lambda', null, `function:${fn('weeklyDigest')}`)],
        },
        // The nightly run is the state machine of infra/state-machine.js, started by name.
        {
          Sid: 'StartNightlyRun',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: [arnPart('states', null, `stateMachine:${fn('nightly-run')}`)],
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
    snapshotSeriesPrefix: derived.snapshotSeriesPrefix,
  };
  return buildIam(derived.iam, ctx);
}

module.exports = resolve;
module.exports.buildIam = buildIam;
module.exports.WILDCARD_REASONS = WILDCARD_REASONS;
module.exports.PREFIX = PREFIX;
module.exports.writeOnceKeys = writeOnceKeys;
