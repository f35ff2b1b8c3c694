'use strict';
/**
 * The nightly run on AWS Step Functions (docs/deploy.md, "The nightly run"): Plan -> a Map over the plan's items,
 * each one invocation of the nightly function with its own 15-minute budget -> FanIn -> Summary. Every task invokes
 * the nightly function with a `step` (src/app/run-steps.ts), so the state machine's role may invoke that one
 * function and nothing else.
 *
 * Plain CloudFormation (AWS::StepFunctions::StateMachine): the definition below is the one deployed, and the one
 * test/deploy validates (asl-validator) and runs (aws-local-stepfunctions) from the packaged template.
 *
 * An inline Map runs at most 40 iterations at once, and an execution's history holds at most 25,000 events (about 5
 * per item, so about 4,000 items). A runConcurrency over 40 makes the Map a Distributed Map: each item is then a
 * child execution with its own history, and the role may also start, describe and stop this state machine's own
 * executions (nothing else).
 */
const deployConfig = require('./deploy-config.js');

/** Lambda's transient errors: retried with exponential backoff and full jitter. */
const LAMBDA_TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];

const transientRetry = {
  ErrorEquals: LAMBDA_TRANSIENT,
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 60,
  JitterStrategy: 'FULL',
};

/** Above an inline Map's 40 concurrent iterations, a Distributed Map. */
const INLINE_MAP_MAX_CONCURRENCY = 40;
const distributed = (maxConcurrency) => maxConcurrency > INLINE_MAP_MAX_CONCURRENCY;

/**
 * The longest an execution may run. It is also how long the run's lease lasts (src/store/run-lease.ts): a lease older
 * than this belongs to an execution that is over, and the next one takes it over. Half a day: far above a night at
 * scale (bench `scaleout`), and short enough that a failed execution left for a redrive never holds back the next
 * night's run.
 */
const RUN_TIMEOUT_SECONDS = 12 * 3600;

/** The tasks' Lambda: `${NightlyFunctionArn}`, given as a definition substitution. */
const FUNCTION = '$' + '{NightlyFunctionArn}';

/**
 * The definition. `maxConcurrency`: items scanned at once (at most the function's reserved concurrency).
 */
function definition({ maxConcurrency }) {
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 1000) {
    throw new Error(`runConcurrency must be an integer from 1 to 1000, got ${maxConcurrency}`);
  }
  return {
    Comment: 'compliance-bot nightly run: plan, scan each scope or shard, fan in, summarize (docs/deploy.md)',
    StartAt: 'Plan',
    TimeoutSeconds: RUN_TIMEOUT_SECONDS,
    States: {
      Plan: {
        Type: 'Task',
        Resource: FUNCTION,
        Parameters: {
          step: 'plan',
          'input.$': '$',
          'runId.$': '$$.Execution.Id',
          'startedAt.$': '$$.Execution.StartTime',
          leaseSeconds: RUN_TIMEOUT_SECONDS,
        },
        TimeoutSeconds: 900,
        Retry: [transientRetry],
        Next: 'ScanScopes',
      },
      ScanScopes: {
        Type: 'Map',
        // The plan's items are in the run's store: the state holds their short IDs and the plan's reference once,
        // and each iteration gets its ID and that reference (docs/deploy.md, "The nightly run": a state holds at
        // most 256 KB).
        ItemsPath: '$.items',
        MaxConcurrency: maxConcurrency,
        ItemSelector: {
          step: 'scan',
          'id.$': '$$.Map.Item.Value',
          'plan.$': '$.plan',
          'runId.$': '$.runId',
          'startedAt.$': '$.startedAt',
        },
        ItemProcessor: {
          ProcessorConfig: distributed(maxConcurrency)
            ? { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }
            : { Mode: 'INLINE' },
          StartAt: 'ScanScope',
          States: {
            ScanScope: {
              Type: 'Task',
              Resource: FUNCTION,
              TimeoutSeconds: 900,
              Retry: [
                transientRetry,
                // A scope that ran out of its budget would run out again: recorded unassessed at once.
                { ErrorEquals: ['Sandbox.Timedout', 'States.Timeout'], MaxAttempts: 0 },
                // Anything else the scan threw (a post Slack refused, a store that failed): once more, alone, after a
                // pause. An API server that hangs up is no error: that list is unknown and the scope stored partial.
                { ErrorEquals: ['States.ALL'], IntervalSeconds: 30, MaxAttempts: 1, BackoffRate: 2 },
              ],
              Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Unassessed' }],
              End: true,
            },
            Unassessed: {
              Type: 'Pass',
              Parameters: { 'id.$': '$.id', 'error.$': '$.error.Cause' },
              End: true,
            },
          },
        },
        // The outcomes (each names its item) take the IDs' place: the state holds one list of the two.
        ResultPath: '$.items',
        Next: 'FanIn',
      },
      FanIn: {
        Type: 'Task',
        Resource: FUNCTION,
        Parameters: {
          step: 'finish',
          'plan.$': '$.plan',
          'outcomes.$': '$.items',
          'runId.$': '$.runId',
          'startedAt.$': '$.startedAt',
        },
        TimeoutSeconds: 900,
        Retry: [transientRetry],
        Next: 'Summary',
      },
      Summary: {
        Type: 'Task',
        Resource: FUNCTION,
        Parameters: { step: 'summary', 'runId.$': '$.runId', 'summary.$': '$.summary' },
        TimeoutSeconds: 120,
        Retry: [transientRetry],
        End: true,
      },
    },
  };
}

/** The state machine and its role: it may invoke the nightly function, and nothing else. */
function buildStateMachine(ctx) {
  const functionName = `${ctx.service}-${ctx.stage}-nightlyScan`;
  const name = `${ctx.service}-${ctx.stage}-nightly-run`;
  const statesArn = (resource) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
  });
  const ownExecutions = distributed(ctx.maxConcurrency)
    ? [
        {
          Sid: 'DistributedMapChildren',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: [statesArn(`stateMachine:${name}`)],
        },
        {
          Sid: 'DistributedMapChildrenStatus',
          Effect: 'Allow',
          // Redriving the parent redrives the Map Run's failed child executions, with this role.
          Action: ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'],
          Resource: [statesArn(`execution:${name}/*`)],
        },
      ]
    : [];
  const role = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'states.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    },
    Description: 'compliance-bot nightly run state machine: invokes the nightly function only',
    Policies: [
      {
        PolicyName: 'nightly-run',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'InvokeNightlyFunction',
              Effect: 'Allow',
              Action: ['lambda:InvokeFunction'],
              Resource: [
                {
                  'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${functionName}`,
                },
              ],
            },
            ...ownExecutions,
          ],
        },
      },
    ],
    ...(ctx.permissionsBoundary ? { PermissionsBoundary: ctx.permissionsBoundary } : {}),
  };
  return {
    Resources: {
      NightlyRunRole: { Type: 'AWS::IAM::Role', Properties: role },
      NightlyRunStateMachine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineName: name,
          StateMachineType: 'STANDARD',
          RoleArn: { 'Fn::GetAtt': ['NightlyRunRole', 'Arn'] },
          Definition: definition({ maxConcurrency: ctx.maxConcurrency }),
          DefinitionSubstitutions: { NightlyFunctionArn: { 'Fn::GetAtt': ['NightlyScanLambdaFunction', 'Arn'] } },
        },
      },
    },
    Outputs: {
      NightlyRunStateMachineArn: {
        Description: 'The nightly run (aws stepfunctions list-executions --state-machine-arn ...; docs/deploy.md)',
        Value: { Ref: 'NightlyRunStateMachine' },
      },
    },
  };
}

async function resolve(api) {
  const stage = String(await api.resolveVariable('sls:stage'));
  const service = String(await api.resolveVariable('self:service'));
  const raw = await deployConfig.stageParam(api, 'runConcurrency');
  return buildStateMachine({
    service,
    stage,
    maxConcurrency: Number(raw || 10),
    permissionsBoundary: await deployConfig.stageParam(api, 'permissionsBoundary'),
  });
}

module.exports = resolve;
module.exports.definition = definition;
module.exports.buildStateMachine = buildStateMachine;
module.exports.LAMBDA_TRANSIENT = LAMBDA_TRANSIENT;
module.exports.INLINE_MAP_MAX_CONCURRENCY = INLINE_MAP_MAX_CONCURRENCY;
module.exports.RUN_TIMEOUT_SECONDS = RUN_TIMEOUT_SECONDS;
