/**
 * `compliance-bot who-can VERB RESOURCE|/URL [-n NS | --cluster-scoped] [--name NAME] [--manifests DIR |
 * --kubeconfig FILE [--context NAME]] [--hide-built-in] [--json]`: who can make a request, per subject, with the
 * bindings and roles that grant it, from a live cluster (RBAC lists only) or from manifests. Subjects that only
 * built-in bindings name are shown, marked built-in, unless --hide-built-in. See docs/rbac.md.
 */
import { resolve } from 'node:path';
import { endpointFromKubeConfig, KubeconfigError, loadKubeConfig } from '../../collectors/k8s/kubeconfig';
import { KubeHttp, LISTS, LiveLister } from '../../collectors/k8s/live';
import { readManifests } from '../../collectors/k8s/manifests';
import { KubeFactBuilder } from '../../collectors/k8s/reduce';
import { silentReporter } from '../../collectors/types';
import { errorMessage } from '../../core/errors';
import type { KRbac } from '../../core/facts/k8s';
import type { Fact } from '../../core/model';
import { objectLabel, RbacIndex, subjectLabel } from '../../core/rbac/engine';
import { describeRequest, parseRequest } from '../../core/rbac/request';
import { defineCommand } from '../command';
import { EXIT, UsageError } from '../errors';
import type { CliIo, CommandIo } from '../io';
import { runCommand } from '../program';

/** Flags by long name (src/cli/command.ts). */
type WhoCanFlags = {
  namespace?: string;
  'cluster-scoped'?: boolean;
  name?: string;
  manifests?: string;
  kubeconfig?: string;
  context?: string;
  'hide-built-in'?: boolean;
  all?: boolean;
  json?: boolean;
};

async function rbacFromManifests(dir: string, io: CommandIo): Promise<Fact<KRbac>> {
  const read = await readManifests(resolve(io.cwd, dir));
  for (const p of read.problems) if (p.level === 'error') io.stderr(`warning: ${p.file}: ${p.message}\n`);
  return read.facts['k8s.rbac'] ?? { ok: false, reason: 'no RBAC objects read' };
}

async function rbacFromCluster(file: string, context: string | undefined, io: CommandIo): Promise<Fact<KRbac>> {
  const endpoint = await endpointFromKubeConfig(loadKubeConfig({ file, context, baseDir: io.cwd }));
  const http = new KubeHttp(endpoint, { maxSockets: 4, timeoutMs: 30_000 });
  try {
    const builder = new KubeFactBuilder({ source: 'live' });
    const lister = new LiveLister(http, builder, { pageSize: 500, maxRestarts: 3 });
    const version = await http.get('/version');
    if (version.status === 401) throw new KubeconfigError(`${endpoint.server} rejected the credentials (HTTP 401)`);
    await lister.listAll(
      LISTS.filter((l) => l.facts.includes('k8s.rbac')),
      4,
      { reporter: silentReporter },
    );
    return builder.finish()['k8s.rbac'] ?? { ok: false, reason: 'not collected' };
  } finally {
    http.close();
  }
}

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
      description: 'read RBAC from a live cluster (default: KUBECONFIG, else ~/.kube/config)',
    },
    { flags: '--context <NAME>', description: 'kubeconfig context' },
    { flags: '--hide-built-in', description: 'leave out subjects that only built-in bindings name' },
    // Built-in subjects are shown by default; --all is kept so existing scripts keep working.
    { flags: '--all', description: 'show built-in subjects too (the default)' },
    { flags: '--json', description: 'print JSON: {query, subjects: [{subject, builtIn, scopes, grants}]}' },
  ],
  epilogue: 'Exit codes: 0 done; 2 usage error, or RBAC that cannot be read.',
  async run(ctx, flags, [verb, target]) {
    const { io } = ctx;
    const query = parseRequest({
      verb,
      target,
      ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
      clusterScoped: flags['cluster-scoped'] === true,
      ...(flags.name !== undefined ? { name: flags.name } : {}),
    });
    if (flags.manifests && (flags.kubeconfig || flags.context)) {
      throw new UsageError('give --manifests or --kubeconfig/--context, not both');
    }
    // --all keeps its meaning for existing scripts: built-in subjects shown, whatever else is given.
    const hideBuiltIn = flags['hide-built-in'] === true && flags.all !== true;
    const parsed = { query, hideBuiltIn, json: flags.json === true };
    let fact: Fact<KRbac>;
    try {
      fact = flags.manifests
        ? await rbacFromManifests(flags.manifests, io)
        : await rbacFromCluster(
            flags.kubeconfig ?? io.env.KUBECONFIG?.split(':')[0] ?? '~/.kube/config',
            flags.context,
            io,
          );
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    if (!fact.ok) throw new UsageError(`cannot read RBAC: ${fact.reason}`);
    const index = new RbacIndex(fact.value, { excludeSystemRbac: parsed.hideBuiltIn });
    const entries = index.whoCan(parsed.query);
    if (parsed.json) {
      io.stdout(
        `${JSON.stringify(
          {
            query: parsed.query,
            subjects: entries.map((e) => ({
              subject: e.subject,
              builtIn: e.builtIn,
              scopes: e.scopes,
              ...(e.restrictedTo ? { restrictedTo: e.restrictedTo } : {}),
              grants: e.grants.map((g) => ({
                binding: g.binding,
                role: g.role,
                ...(g.aggregatedFrom ? { aggregatedFrom: g.aggregatedFrom } : {}),
                namespace: g.namespace,
                builtIn: g.system,
              })),
            })),
          },
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    if (entries.length === 0) {
      io.stdout(
        `No subject can ${describeRequest(parsed.query)}${parsed.hideBuiltIn ? ' (built-in subjects left out)' : ''}.\n`,
      );
      return EXIT.ok;
    }
    io.stdout(`Who can ${describeRequest(parsed.query)}:\n`);
    for (const e of entries) {
      const scope = e.scopes.includes('*') ? 'cluster-wide' : `namespace ${e.scopes.join(', ')}`;
      const only = e.restrictedTo ? ` (only ${e.restrictedTo.join(', ')})` : '';
      // Built-in: every granting binding is one Kubernetes (or kubeadm, or EKS) ships, exactly as shipped.
      io.stdout(`  ${subjectLabel(e.subject)}  [${scope}]${only}${e.builtIn ? '  (built-in)' : ''}\n`);
      const via = new Set(
        e.grants.map(
          (g) =>
            `${objectLabel(g.binding)} -> ${objectLabel(g.role)}${g.aggregatedFrom ? ` (aggregates ClusterRole ${g.aggregatedFrom})` : ''}${g.system && !e.builtIn ? ' (built-in)' : ''}`,
        ),
      );
      for (const v of [...via].sort()) io.stdout(`      via ${v}\n`);
      if (index.isSuperuser(e.subject)) io.stdout('      system:masters bypasses authorization entirely\n');
    }
    return EXIT.ok;
  },
});

/** `compliance-bot who-can ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(whoCan, args, io);
