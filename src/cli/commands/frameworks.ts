/** `compliance-bot frameworks`: the command and its help; the body (commands/frameworks-run.ts) loads when it runs. */
import { defineCommand } from '../command';
import type { FrameworksFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const frameworks = defineCommand<FrameworksFlags>({
  name: 'frameworks',
  summary: 'list the compliance frameworks and how much of each the checks cover: --format text|json|markdown',
  description:
    'Lists the frameworks (CIS Kubernetes, CIS Amazon EKS, NSA/CISA, CIS Linux) with their coverage: controls, ' +
    'automated by our checks, manual (assessed by hand, with guidance), not covered; and per section. ' +
    '--framework ID shows one framework control by control.',
  options: [
    { flags: '--format <FORMAT>', description: 'text, json or markdown (default text)' },
    { flags: '--framework <ID>', description: 'one framework, control by control (IDs: see the list)' },
  ],
  epilogue: "A scan reports each control's status with `compliance-bot scan --framework ID` (docs/frameworks.md).",
  run: async (ctx, values) => (await import('./frameworks-run')).runFrameworks(ctx, values),
});

/** `compliance-bot frameworks ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(frameworks, args, io);
