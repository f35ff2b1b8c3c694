/**
 * `compliance-bot scan`: the command, its options and help. The body (commands/scan-run.ts) loads when a scan runs,
 * so `--help` and the other commands never load the collectors, the SDKs or the renderers.
 */
import { CONFIG_OPTION, defineCommand } from '../command';
import { EXIT } from '../errors';
import type { CliIo } from '../io';
import { runCommand } from '../program';
import type { ScanFlags } from '../scan-flags';

const TARGETS = 'Targets:';
const STORAGE = 'Storage:';
const OUTPUT = 'Output:';

export const scan = defineCommand<ScanFlags>({
  name: 'scan',
  summary: 'scan hosts and clusters, compare with the last snapshot, report',
  description: `Scans hosts and clusters, compares with the last snapshot of each target and prints a report.
With no target option it scans the targets of compliance-bot.config.yaml, or else the embedded defaults:
this machine as a host, and the current kubeconfig's cluster or else examples/demo-cluster.`,
  options: [
    {
      flags: '--manifests <DIR>',
      description: 'scan Kubernetes manifests (YAML/JSON, recursively) offline',
      group: TARGETS,
    },
    {
      flags: '--cluster-name <NAME>',
      description: "name of the --manifests cluster (default: the folder's name)",
      group: TARGETS,
    },
    { flags: '--kubeconfig <FILE>', description: 'scan a live cluster (with --context NAME)', group: TARGETS },
    { flags: '--context <NAME>', description: 'kubeconfig context', group: TARGETS },
    { flags: '--host-root <DIR>', description: 'scan a filesystem tree as a host (DIR is its /)', group: TARGETS },
    { flags: '--no-host', description: 'do not scan this machine in the default scan', group: TARGETS },
    {
      flags: '--store <LOCATION>',
      description: 'where snapshots live: a folder or s3://BUCKET/PREFIX (default .compliance-bot/)',
      group: STORAGE,
    },
    { flags: '--no-store', description: 'neither read nor write snapshots (no diff)', group: STORAGE },
    {
      flags: '--scope <NAME>',
      description: 'one snapshot scope for all targets (default: one scope per target)',
      group: STORAGE,
    },
    { flags: '--format <FORMAT>', description: 'text, json, sarif, junit or markdown (default text)', group: OUTPUT },
    { flags: '--output <FILE>', description: 'write the report to FILE instead of stdout', group: OUTPUT },
    {
      flags: '--fail-on <SEVERITY>',
      description: 'exit 1 when a failing, unwaived result of at least SEVERITY exists',
      group: OUTPUT,
    },
    {
      flags: '--fail-on-unknown',
      description: `exit ${EXIT.unassessed} when any result could not be assessed (unknown), not only a whole target`,
      group: OUTPUT,
    },
    {
      flags: '--allow-unassessed',
      description: `exit 0 (or 1 for findings) even when a target could not be assessed at all (default: exit ${EXIT.unassessed})`,
      group: OUTPUT,
    },
    {
      flags: '--checks <GLOBS>',
      description: "only these checks, comma-separated globs: 'host.ssh.*,k8s.rbac.*'",
      group: OUTPUT,
    },
    {
      flags: '--framework <ID>',
      description: "add each control's status in this framework to the report (repeatable; compliance-bot frameworks)",
      group: OUTPUT,
      repeatable: true,
    },
    { ...CONFIG_OPTION, group: OUTPUT },
    { flags: '--verbose', description: 'every remediation and unknown result in the text report', group: OUTPUT },
    { flags: '--quiet', description: 'no progress on stderr', group: OUTPUT },
    {
      flags: '--no-color',
      description: 'no colours (also when NO_COLOR is set or stdout is not a terminal)',
      group: OUTPUT,
    },
  ],
  epilogue: `Exit codes: 0 done; 1 findings at or above --fail-on; 2 usage, configuration or input error (the report is still
written when the scan ran); 3 an unexpected failure; 4 a target could not be assessed at all (unreachable: nothing
about it is known), or with --fail-on-unknown any result could not be assessed. 2 wins over 4, and 4 over 1.`,
  run: async (ctx, flags) => (await import('./scan-run')).scanRun(ctx, flags),
});

/** `compliance-bot scan ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(scan, args, io);
