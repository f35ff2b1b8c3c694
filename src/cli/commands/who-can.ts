/**
 * `compliance-bot who-can VERB RESOURCE [-n NS] [--manifests DIR | --kubeconfig FILE [--context NAME]] [--all]
 * [--json]`: who can make a request, per subject, with the bindings and roles that grant it, from a live cluster
 * (RBAC lists only) or from manifests. Control-plane identities are left out unless --all.
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

/** A subset of the CLI's io (src/cli/io.ts), so the command runs in-process in tests. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

const USAGE =
  'usage: compliance-bot who-can VERB RESOURCE[.GROUP][/SUBRESOURCE] [-n NAMESPACE] ' +
  '[--manifests DIR | --kubeconfig FILE [--context NAME]] [--all] [--json]';

/** The API group of well-known resources written without one (as kubectl resolves them through discovery). */
const KNOWN_GROUPS: Record<string, string> = {
  deployments: 'apps',
  daemonsets: 'apps',
  statefulsets: 'apps',
  replicasets: 'apps',
  controllerrevisions: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  networkpolicies: 'networking.k8s.io',
  ingresses: 'networking.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
  storageclasses: 'storage.k8s.io',
  leases: 'coordination.k8s.io',
  poddisruptionbudgets: 'policy',
  horizontalpodautoscalers: 'autoscaling',
  tokenreviews: 'authentication.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io',
};

const VERB = /^([a-z]+|\*)$/;
const RESOURCE = /^([a-z0-9-]+|\*)(\.([a-z0-9.-]+))?(\/([a-z0-9-]+|\*))?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

class UsageError extends Error {}

interface Parsed {
  query: AccessQuery;
  manifests?: string;
  kubeconfig?: string;
  context?: string;
  all: boolean;
  json: boolean;
}

/** Parses `pods/exec`, `deployments.apps`, `deployments.apps/scale` into the request's group and resources. */
export function parseResource(text: string): Pick<AccessQuery, 'group' | 'resource' | 'subresource'> {
  const m = RESOURCE.exec(text);
  if (!m) throw new UsageError(`"${text}" is not a resource: write it like pods, pods/exec or deployments.apps`);
  const resource = m[1];
  const group = m[3] ?? KNOWN_GROUPS[resource] ?? '';
  return { group: group === 'core' ? '' : group, resource, ...(m[5] ? { subresource: m[5] } : {}) };
}

function parse(args: string[]): Parsed {
  const positional: string[] = [];
  const out: Partial<Parsed> & { all: boolean; json: boolean } = { all: false, json: false };
  let namespace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('-')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-n' || a === '--namespace') namespace = value();
    else if (a.startsWith('--namespace=')) namespace = a.slice('--namespace='.length);
    else if (a === '--manifests') out.manifests = value();
    else if (a === '--kubeconfig') out.kubeconfig = value();
    else if (a === '--context') out.context = value();
    else if (a === '--all') out.all = true;
    else if (a === '--json') out.json = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new UsageError('give a VERB and a RESOURCE');
  const [verb, resource] = positional;
  if (!VERB.test(verb)) throw new UsageError(`"${verb}" is not a verb (get, list, create, bind, impersonate…)`);
  if (namespace !== undefined && !NAMESPACE.test(namespace))
    throw new UsageError(`"${namespace}" is not a namespace name`);
  if (out.manifests && (out.kubeconfig || out.context)) {
    throw new UsageError('give --manifests or --kubeconfig/--context, not both');
  }
  return {
    ...out,
    query: { verb, ...parseResource(resource), ...(namespace !== undefined ? { namespace } : {}) },
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

function describeQuery(q: AccessQuery): string {
  const res = `${q.resource}${q.subresource ? `/${q.subresource}` : ''}${q.group ? `.${q.group}` : ''}`;
  const where = typeof q.namespace === 'string' ? ` in namespace ${q.namespace}` : '';
  return `${q.verb} ${res}${where}`;
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
  const index = new RbacIndex(fact.value, { excludeSystemRbac: !parsed.all });
  const entries = index.whoCan(parsed.query);
  if (parsed.json) {
    io.stdout(
      `${JSON.stringify(
        {
          query: parsed.query,
          subjects: entries.map((e) => ({
            subject: e.subject,
            scopes: e.scopes,
            ...(e.restrictedTo ? { restrictedTo: e.restrictedTo } : {}),
            grants: e.grants.map((g) => ({
              binding: g.binding,
              role: g.role,
              ...(g.aggregatedFrom ? { aggregatedFrom: g.aggregatedFrom } : {}),
              namespace: g.namespace,
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
      `No subject can ${describeQuery(parsed.query)}${parsed.all ? '' : ' (control-plane identities left out; --all shows them)'}.\n`,
    );
    return 0;
  }
  io.stdout(`Who can ${describeQuery(parsed.query)}:\n`);
  for (const e of entries) {
    const scope = e.scopes.includes('*') ? 'cluster-wide' : `namespace ${e.scopes.join(', ')}`;
    const only = e.restrictedTo ? ` (only ${e.restrictedTo.join(', ')})` : '';
    io.stdout(`  ${subjectLabel(e.subject)}  [${scope}]${only}\n`);
    const via = new Set(
      e.grants.map(
        (g) =>
          `${objectLabel(g.binding)} -> ${objectLabel(g.role)}${g.aggregatedFrom ? ` (aggregates ClusterRole ${g.aggregatedFrom})` : ''}`,
      ),
    );
    for (const v of [...via].sort()) io.stdout(`      via ${v}\n`);
    if (index.isSuperuser(e.subject)) io.stdout('      system:masters bypasses authorization entirely\n');
  }
  return 0;
}
