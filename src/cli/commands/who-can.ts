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
import type { KRbac } from '../../core/facts/k8s';
import type { Fact } from '../../core/model';
import { type AccessQuery, objectLabel, RbacIndex, subjectLabel } from '../../core/rbac/engine';
import {
  describeRequest,
  parseResource as parseCoreResource,
  parseTarget,
  RequestSyntaxError,
} from '../../core/rbac/request';

/** A subset of the CLI's io (src/cli/io.ts), so the command runs in-process in tests. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

const USAGE =
  'usage: compliance-bot who-can VERB RESOURCE[.GROUP][/SUBRESOURCE]|GROUP/RESOURCE[/SUBRESOURCE]|/URL ' +
  '[-n NAMESPACE | --cluster-scoped] [--name NAME] [--manifests DIR | --kubeconfig FILE [--context NAME]] ' +
  '[--hide-built-in] [--json]';

const VERB = /^([a-z]+|\*)$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Object names: DNS subdomains, and the `system:…` names of RBAC objects. */
const OBJECT_NAME = /^[A-Za-z0-9]([A-Za-z0-9._:@-]{0,251}[A-Za-z0-9])?$/;

class UsageError extends Error {}

interface Parsed {
  query: AccessQuery;
  manifests?: string;
  kubeconfig?: string;
  context?: string;
  hideBuiltIn: boolean;
  json: boolean;
}

/** Parses `pods/exec`, `deployments.apps`, `apps/deployments/scale` into the request's group and resources. */
export function parseResource(text: string): Pick<AccessQuery, 'group' | 'resource' | 'subresource'> {
  try {
    return parseCoreResource(text);
  } catch (err) {
    throw err instanceof RequestSyntaxError ? new UsageError(err.message) : err;
  }
}

function parse(args: string[]): Parsed {
  const positional: string[] = [];
  const out: Partial<Parsed> & { hideBuiltIn: boolean; json: boolean } = { hideBuiltIn: false, json: false };
  let namespace: string | undefined;
  let clusterScoped = false;
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('-')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-n' || a === '--namespace') namespace = value();
    else if (a.startsWith('--namespace=')) namespace = a.slice('--namespace='.length);
    else if (a === '--cluster-scoped') clusterScoped = true;
    else if (a === '--name') name = value();
    else if (a === '--manifests') out.manifests = value();
    else if (a === '--kubeconfig') out.kubeconfig = value();
    else if (a === '--context') out.context = value();
    else if (a === '--hide-built-in') out.hideBuiltIn = true;
    // Built-in subjects are shown by default; --all is kept so existing scripts keep working.
    else if (a === '--all') out.hideBuiltIn = false;
    else if (a === '--json') out.json = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new UsageError('give a VERB and a RESOURCE (or a non-resource URL)');
  const [verb, what] = positional;
  if (!VERB.test(verb)) throw new UsageError(`"${verb}" is not a verb (get, list, create, bind, impersonate…)`);
  if (namespace !== undefined && !NAMESPACE.test(namespace))
    throw new UsageError(`"${namespace}" is not a namespace name`);
  if (namespace !== undefined && clusterScoped) throw new UsageError('give -n NAMESPACE or --cluster-scoped, not both');
  if (name !== undefined && !OBJECT_NAME.test(name)) throw new UsageError(`"${name}" is not an object name`);
  if (out.manifests && (out.kubeconfig || out.context)) {
    throw new UsageError('give --manifests or --kubeconfig/--context, not both');
  }
  let target: ReturnType<typeof parseTarget>;
  try {
    target = parseTarget(what);
  } catch (err) {
    throw err instanceof RequestSyntaxError ? new UsageError(err.message) : err;
  }
  if (target.nonResourceURL !== undefined && (namespace !== undefined || clusterScoped || name !== undefined)) {
    throw new UsageError('a non-resource URL has no namespace and no name: leave out -n, --cluster-scoped and --name');
  }
  return {
    ...out,
    query: {
      verb,
      ...target,
      ...(name !== undefined ? { name } : {}),
      ...(namespace !== undefined ? { namespace } : clusterScoped ? { namespace: null } : {}),
    },
  } as Parsed;
}

async function rbacFromManifests(dir: string, io: CliIo): Promise<Fact<KRbac>> {
  const read = await readManifests(resolve(io.cwd, dir));
  for (const p of read.problems) if (p.level === 'error') io.stderr(`warning: ${p.file}: ${p.message}\n`);
  return read.facts['k8s.rbac'] ?? { ok: false, reason: 'no RBAC objects read' };
}

async function rbacFromCluster(file: string, context: string | undefined, io: CliIo): Promise<Fact<KRbac>> {
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

/** Runs the command; returns the exit code (0 done, 2 usage, configuration or collection error). */
export async function run(args: string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(args);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let fact: Fact<KRbac>;
  try {
    fact = parsed.manifests
      ? await rbacFromManifests(parsed.manifests, io)
      : await rbacFromCluster(
          parsed.kubeconfig ?? (io.env ?? process.env).KUBECONFIG?.split(':')[0] ?? '~/.kube/config',
          parsed.context,
          io,
        );
  } catch (err) {
    io.stderr(`error: ${(err as Error).message}\n`);
    return 2;
  }
  if (!fact.ok) {
    io.stderr(`error: cannot read RBAC: ${fact.reason}\n`);
    return 2;
  }
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
    return 0;
  }
  if (entries.length === 0) {
    io.stdout(
      `No subject can ${describeRequest(parsed.query)}${parsed.hideBuiltIn ? ' (built-in subjects left out)' : ''}.\n`,
    );
    return 0;
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
  return 0;
}
