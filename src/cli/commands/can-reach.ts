/**
 * `compliance-bot can-reach [--from SELECTOR --to SELECTOR [--port PROTO/PORT]] [--manifests DIR | --kubeconfig
 * FILE [--context NAME]] [--format text|json|markdown|dot]`: the cluster's connectivity map from its
 * NetworkPolicies, or one question answered yes/no with the policies that allow or block it. See docs/netpol.md.
 * The body (commands/can-reach-run.ts) loads when the command runs: `--help` never loads it.
 */
import { defineCommand } from '../command';
import type { CanReachFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const canReach = defineCommand<CanReachFlags>({
  name: 'can-reach',
  summary: 'which workloads and address ranges can reach which, on which ports (NetworkPolicies)',
  description: `Without --from/--to: every pair of workloads, and of workloads and addresses outside the pods, between
which traffic is allowed, with the ports. With --from and --to: one question, answered yes or no with the policies
that allow it or would block it. Read from a live cluster (the lists NetworkPolicies need) or from manifests.
Selectors: namespace/name, kind:namespace/name, namespace/*, label=value, or a CIDR (an address). See docs/netpol.md.`,
  options: [
    {
      flags: '--from <SELECTOR>',
      description: 'the source: namespace/name, kind:namespace/name, namespace/*, label=value or a CIDR',
    },
    { flags: '--to <SELECTOR>', description: 'the destination, as --from' },
    {
      flags: '--port <PROTO/PORT>',
      description: 'only this port (TCP/5432, UDP/53, TCP/8000-8080; TCP when no protocol)',
    },
    { flags: '--manifests <DIR>', description: 'read the cluster from manifests (YAML/JSON, recursively)' },
    {
      flags: '--kubeconfig <FILE>',
      description:
        'read a live cluster (default: KUBECONFIG, else ~/.kube/config, else the demo cluster, as scan does)',
    },
    { flags: '--context <NAME>', description: 'kubeconfig context' },
    {
      flags: '--ip-block-matches-pods',
      description: 'count ipBlocks for pod traffic too (default: only for addresses outside the pods)',
    },
    { flags: '--pod-cidrs <CIDR,...>', description: "the cluster's pod address ranges, when known" },
    {
      flags: '--format <FORMAT>',
      description: 'text (default), json ({connections:[{from,to,traffic}]}), markdown or dot (Graphviz)',
    },
  ],
  epilogue: 'Exit codes: 0 done (the answer may be yes or no); 2 usage error, or a cluster that cannot be read.',
  run: async (ctx, flags) => (await import('./can-reach-run')).runCanReach(ctx, flags),
});

/** `compliance-bot can-reach ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(canReach, args, io);
