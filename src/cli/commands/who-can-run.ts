/** The body of `compliance-bot who-can` (the command and its help: commands/who-can.ts), loaded when it runs. */
import { errorMessage } from '../../core/errors';
import type { KRbac } from '../../core/facts/k8s';
import type { Fact } from '../../core/model';
import { objectLabel, RbacIndex, subjectLabel } from '../../core/rbac/engine';
import { describeRequest, parseRequest } from '../../core/rbac/request';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import type { WhoCanFlags } from '../flags';
import type { CommandIo } from '../io';
import { parseChoice } from '../options';
import { readQueryFacts } from '../query-facts';

/** RBAC from --manifests, --kubeconfig, the default kubeconfig, or else the demo cluster (as `scan` falls back). */
async function readRbac(flags: WhoCanFlags, io: CommandIo): Promise<Fact<KRbac>> {
  const facts = await readQueryFacts('who-can', flags, ['k8s.rbac'], io);
  return facts['k8s.rbac'] ?? { ok: false, reason: 'no RBAC objects read' };
}

export async function runWhoCan(ctx: CliContext, flags: WhoCanFlags, [verb, target]: string[]): Promise<number> {
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
  if (flags.json && flags.format !== undefined && flags.format !== 'json') {
    throw new UsageError(`--json is --format json: give --format ${flags.format.slice(0, 20)} alone`);
  }
  const format = flags.json ? 'json' : parseChoice(flags.format, ['text', 'json'] as const, '--format');
  const parsed = { query, hideBuiltIn, json: format === 'json' };
  let fact: Fact<KRbac>;
  try {
    fact = await readRbac(flags, io);
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
}
