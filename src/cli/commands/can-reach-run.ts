/** The body of `compliance-bot can-reach` (the command and its help: commands/can-reach.ts), loaded when it runs. */
import { errorMessage } from '../../core/errors';
import type { FactSet } from '../../core/model';
import type { NetpolInput } from '../../core/netpol/analyze';
import { parseCidr } from '../../core/netpol/cidr';
import { answerReach, type EndpointSelector, parseEndpointSelector } from '../../core/netpol/peers';
import { ALL_PORTS, isEmpty, type PortSet, parsePortQuery } from '../../core/netpol/ports';
import { computeReach, connectionJson, type ReachOptions, trafficJson } from '../../core/netpol/reach';
import { answerText, mapDot, mapMarkdown, mapText } from '../../core/netpol/reach-format';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import type { CanReachFlags } from '../flags';
import type { CommandIo } from '../io';
import { parseChoice } from '../options';
import { readQueryFacts } from '../query-facts';

/** The facts reachability reads. */
const FACTS = ['k8s.namespaces', 'k8s.workloads', 'k8s.networkPolicies'] as const;

/** Facts from --manifests, --kubeconfig, the default kubeconfig, or else the demo cluster (as `scan` falls back). */
function readFacts(flags: CanReachFlags, io: CommandIo): Promise<FactSet> {
  return readQueryFacts('can-reach', flags, FACTS, io);
}

/** The engine's input out of the facts; a fact that could not be read is a usage error naming it. */
export function reachInput(facts: FactSet): NetpolInput {
  const value = <T>(
    key: (typeof FACTS)[number],
    f: { ok: true; value: T } | { ok: false; reason: string } | undefined,
  ): T => {
    if (!f) throw new UsageError(`cannot read ${key}: not collected`);
    if (!f.ok) throw new UsageError(`cannot read ${key}: ${f.reason}`);
    return f.value;
  };
  return {
    namespaces: value('k8s.namespaces', facts['k8s.namespaces']),
    workloads: value('k8s.workloads', facts['k8s.workloads']),
    policies: value('k8s.networkPolicies', facts['k8s.networkPolicies']),
  };
}

function selector(flag: string, text: string): EndpointSelector {
  try {
    return parseEndpointSelector(text);
  } catch (err) {
    throw new UsageError(`${flag}: ${errorMessage(err)}`);
  }
}

export function reachOptions(flags: Pick<CanReachFlags, 'ip-block-matches-pods' | 'pod-cidrs'>): ReachOptions {
  const podCidrs = (flags['pod-cidrs'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const c of podCidrs) if (!parseCidr(c)) throw new UsageError(`--pod-cidrs: "${c.slice(0, 40)}" is not a CIDR`);
  return {
    ...(flags['ip-block-matches-pods'] === true ? { ipBlockMatchesPods: true } : {}),
    ...(podCidrs.length > 0 ? { podCidrs } : {}),
  };
}

export async function runCanReach(ctx: CliContext, flags: CanReachFlags): Promise<number> {
  const { io } = ctx;
  const format = parseChoice(flags.format, ['text', 'json', 'markdown', 'dot'] as const, '--format');
  if (flags.manifests && (flags.kubeconfig || flags.context)) {
    throw new UsageError('give --manifests or --kubeconfig/--context, not both');
  }
  if ((flags.from === undefined) !== (flags.to === undefined))
    throw new UsageError('give both --from and --to, or neither');
  if (flags.port !== undefined && flags.from === undefined) throw new UsageError('--port goes with --from and --to');
  const question =
    flags.from !== undefined && flags.to !== undefined
      ? { from: selector('--from', flags.from), to: selector('--to', flags.to) }
      : undefined;
  let ports: PortSet = ALL_PORTS;
  if (flags.port !== undefined) {
    try {
      ports = parsePortQuery(flags.port);
    } catch (err) {
      throw new UsageError(`--port: ${errorMessage(err)}`);
    }
  }
  if (question && format === 'dot') throw new UsageError('--format dot draws the whole map: leave out --from and --to');
  const options = reachOptions(flags);
  let facts: FactSet;
  try {
    facts = await readFacts(flags, io);
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
  const map = computeReach(reachInput(facts), options);
  const unknowable = map.unknowable();

  if (question) {
    let answers: ReturnType<typeof answerReach>;
    try {
      answers = answerReach(map, question.from, question.to, ports);
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    if (format === 'json') {
      io.stdout(
        `${JSON.stringify(
          {
            allowed: answers.some((a) => !isEmpty(a.allowed)),
            connections: answers
              .filter((a) => !isEmpty(a.allowed))
              .map((a) => connectionJson({ from: a.from, to: a.to, ports: a.allowed })),
            evidence: answers.map((a) => ({
              ...connectionJson({ from: a.from, to: a.to, ports: a.allowed }),
              egress: sideJson(a.egress),
              ingress: sideJson(a.ingress),
            })),
            unknowable,
          },
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    const text = answerText({ ...question, ports }, answers, unknowable);
    io.stdout(format === 'markdown' ? text.replace(/^ {4}/gm, '  - ') : text);
    return EXIT.ok;
  }

  const paths = map.paths();
  if (format === 'json') {
    // Exactly the map (docs/netpol.md); what cannot be known goes to stderr so the JSON stays the map alone.
    io.stdout(`${JSON.stringify({ connections: map.connections(paths) }, null, 2)}\n`);
    for (const n of unknowable) io.stderr(`note: ${n}\n`);
  } else if (format === 'dot') {
    io.stdout(mapDot(paths));
    for (const n of unknowable) io.stderr(`note: ${n}\n`);
  } else if (format === 'markdown') io.stdout(mapMarkdown(paths, unknowable));
  else io.stdout(mapText(paths, unknowable));
  return EXIT.ok;
}

function sideJson(s: ReturnType<typeof answerReach>[number]['egress']) {
  return {
    ...(s.workload
      ? { workload: { kind: s.workload.kind, namespace: s.workload.namespace, name: s.workload.name } }
      : {}),
    hostNetwork: s.hostNetwork,
    isolatedBy: s.isolatedBy,
    allowedBy: s.allowedBy.map((a) => ({ policy: a.policy, rule: a.rule, traffic: trafficJson(a.ports) })),
  };
}
