/** The SSM Command document that runs the host probe, and where SSM writes the output of its one step. */
import { PROBE_VERSION } from '../parse-probe';
import probeScript from '../probe.sh';

/** The name of the document's one step: part of the S3 key of its output. */
export const PROBE_STEP_NAME = 'complianceBotHostProbe';

/**
 * Whether an S3 key is where SSM puts the probe's stdout for one command on one instance
 * (`<prefix>/<CommandId>/<InstanceId>/awsrunShellScript/<step>/stdout`): any other object may be another node's.
 */
export function isInvocationKey(key: string, commandId: string, instanceId: string): boolean {
  if (!/^[A-Za-z0-9-]+$/.test(commandId) || !/^[A-Za-z0-9-]+$/.test(instanceId)) return false;
  const tail = `${commandId}/${instanceId}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`;
  return key === tail || key.endsWith(`/${tail}`);
}

/**
 * The SSM Command document that runs the probe (infra/ writes it out). One
 * aws:runShellScript step whose commands are the probe script itself, and no parameters.
 */
export function ssmDocumentContent(): {
  schemaVersion: '2.2';
  description: string;
  mainSteps: {
    action: 'aws:runShellScript';
    name: string;
    precondition: object;
    inputs: { timeoutSeconds: string; runCommand: string[] };
  }[];
} {
  return {
    schemaVersion: '2.2',
    description: `compliance-bot host probe v${PROBE_VERSION}: prints the host's hardening facts as one JSON document after a header line with its length and sha256. Read-only; takes no parameters.`,
    mainSteps: [
      {
        action: 'aws:runShellScript',
        name: PROBE_STEP_NAME,
        precondition: { StringEquals: ['platformType', 'Linux'] },
        inputs: { timeoutSeconds: '300', runCommand: probeScript.split('\n') },
      },
    ],
  };
}
