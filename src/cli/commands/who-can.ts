/**
 * `compliance-bot who-can VERB RESOURCE|/URL [-n NS | --cluster-scoped] [--name NAME] [--manifests DIR |
 * --kubeconfig FILE [--context NAME]] [--hide-built-in] [--format text|json]`: who can make a request, per subject, with the
 * bindings and roles that grant it, from a live cluster (RBAC lists only) or from manifests. Subjects that only
 * built-in bindings name are shown, marked built-in, unless --hide-built-in. See docs/rbac.md.
 * The body (commands/who-can-run.ts) loads when the command runs: `--help` never loads it.
 */
import { defineCommand } from '../command';
import type { WhoCanFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const whoCan = defineCommand<WhoCanFlags>({
  name: 'who-can',
  summary: 'which subjects can make a request, and the roles and bindings that grant it',
  description: `Which subjects can make a request, with the bindings and roles that grant it, from a live cluster (RBAC lists
only) or from manifests. Subjects that only built-in bindings name are shown, marked built-in, unless
--hide-built-in. See docs/rbac.md.`,
  arguments: [
    { name: 'VERB', description: 'get, list, create, bind, impersonate… or *' },
    {
      name: 'RESOURCE',
      description: 'RESOURCE[.GROUP][/SUBRESOURCE], GROUP/RESOURCE[/SUBRESOURCE], or a non-resource /URL',
    },
  ],
  missingArguments: 'give a VERB and a RESOURCE (or a non-resource URL); see `compliance-bot who-can --help`',
  options: [
    { flags: '-n, --namespace <NAMESPACE>', description: 'the request in this namespace' },
    { flags: '--cluster-scoped', description: 'the request at cluster scope (ClusterRoleBindings only)' },
    { flags: '--name <NAME>', description: 'the request on this object only' },
    { flags: '--manifests <DIR>', description: 'read RBAC from manifests (YAML/JSON, recursively)' },
    {
      flags: '--kubeconfig <FILE>',
      description:
        'read RBAC from a live cluster (default: KUBECONFIG, else ~/.kube/config, else the demo cluster, as scan does)',
    },
    { flags: '--context <NAME>', description: 'kubeconfig context' },
    { flags: '--hide-built-in', description: 'leave out subjects that only built-in bindings name' },
    // Built-in subjects are shown by default; --all is kept so existing scripts keep working.
    { flags: '--all', description: 'show built-in subjects too (the default)' },
    {
      flags: '--format <FORMAT>',
      description: 'text (default) or json: {query, subjects: [{subject, builtIn, scopes, grants}]}',
    },
    // Scripts written for the first releases pass --json; one flag for every command's format is --format.
    { flags: '--json', description: 'deprecated: --format json' },
  ],
  epilogue: 'Exit codes: 0 done; 2 usage error, or RBAC that cannot be read.',
  run: async (ctx, flags, args) => (await import('./who-can-run')).runWhoCan(ctx, flags, args),
});

/** `compliance-bot who-can ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(whoCan, args, io);
