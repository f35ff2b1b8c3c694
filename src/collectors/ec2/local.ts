/**
 * EC2 facts of the targets that are not reached through SSM: this machine (`compliance-bot scan`, `npm start`) and
 * folders scanned as a host root. Neither asks AWS anything: the instance metadata service is never probed, so a
 * laptop never waits for its timeouts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FactSet } from '../../core/model';
import type { TargetCollector } from '../types';
import { ec2Unavailable } from './unavailable';

/** Environment variables any AWS SDK credential provider reads credentials (or where to get them) from. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

/**
 * Why this machine's EC2 checks are unknown. Credentials are looked for where the SDK would find them without the
 * network (environment, shared files); when there are none, the reason starts with "no AWS credentials".
 */
export function localMachineEc2Reason(env: NodeJS.ProcessEnv, home: string | undefined): string {
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? (home ? join(home, '.aws', 'credentials') : undefined),
    env.AWS_CONFIG_FILE ?? (home ? join(home, '.aws', 'config') : undefined),
  ].filter((f): f is string => f !== undefined);
  const hasCredentials = CREDENTIAL_VARIABLES.some((v) => env[v]) || files.some((f) => existsSync(f));
  const notAsked = 'the instance metadata service is not asked';
  if (!hasCredentials) {
    return (
      `no AWS credentials: none in the environment (${CREDENTIAL_VARIABLES.join(', ')}) or in ~/.aws, and ${notAsked}; ` +
      'scan nodes through an SSM host group to check their EC2 instances'
    );
  }
  return `this machine is scanned locally and ${notAsked}, so its EC2 instance (if any) is not identified; scan nodes through an SSM host group to check their EC2 instances`;
}

/** A folder scanned as a host root is no machine: the EC2 checks do not apply to it. */
export const HOST_ROOT_EC2: FactSet = {
  'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root, not a machine' } },
};

/** This machine: every EC2 fact unknown with the reason. */
export function localMachineEc2(reason: string): FactSet {
  return ec2Unavailable(reason);
}

/** The collector with these EC2 facts added to what it collects. */
export function withEc2Facts(collector: TargetCollector, ec2: FactSet): TargetCollector {
  return {
    target: collector.target,
    async collect(ctx) {
      const tf = await collector.collect(ctx);
      return { ...tf, facts: { ...tf.facts, ...ec2 } };
    },
  };
}
