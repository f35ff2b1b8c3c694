/**
 * The reachability map and answers as text, Markdown and Graphviz dot (the JSON form is ReachMap.connections()).
 * Shared by the CLI (`can-reach`) and Slack.
 */
import { toCidrs } from './addresses';
import { type EndpointSelector, endpointSelectorText, type PairAnswer, sideText } from './peers';
import { ALL_PORTS, isEmpty, type PortSet, portSetText } from './ports';
import { type Endpoint, endpointLabel, type Path } from './reach';

function caveats(unknowable: readonly string[], bullet: string): string[] {
  return ['Cannot be known from the API objects:', ...unknowable.map((n) => `${bullet}${n}.`)];
}

export function mapText(paths: readonly Path[], unknowable: readonly string[]): string {
  const lines =
    paths.length === 0
      ? ['No traffic is allowed between any workloads or addresses.']
      : [
          `Allowed traffic (${paths.length} paths):`,
          ...paths.map((p) => `  ${endpointLabel(p.from)} -> ${endpointLabel(p.to)}: ${portSetText(p.ports)}`),
        ];
  return `${[...lines, '', ...caveats(unknowable, '  - ')].join('\n')}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function mapMarkdown(paths: readonly Path[], unknowable: readonly string[]): string {
  const rows = paths.map(
    (p) => `| ${cell(endpointLabel(p.from))} | ${cell(endpointLabel(p.to))} | ${cell(portSetText(p.ports))} |`,
  );
  return `${['| From | To | Traffic |', '|---|---|---|', ...rows, '', ...caveats(unknowable, '- ')].join('\n')}\n`;
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function nodeId(e: Endpoint): string {
  return 'workload' in e
    ? `${e.workload.kind}/${e.workload.namespace}/${e.workload.name}`
    : toCidrs(e.addresses).join(',');
}

/** A Graphviz digraph: workloads clustered by namespace, address ranges apart, edges labelled with the traffic. */
export function mapDot(paths: readonly Path[]): string {
  const byNs = new Map<string, Map<string, string>>();
  const outside = new Map<string, string>();
  for (const p of paths)
    for (const e of [p.from, p.to]) {
      if ('workload' in e) {
        const ns = byNs.get(e.workload.namespace) ?? new Map<string, string>();
        ns.set(nodeId(e), `${e.workload.kind}\\n${e.workload.name}`);
        byNs.set(e.workload.namespace, ns);
      } else outside.set(nodeId(e), endpointLabel(e));
    }
  const lines = [
    'digraph reach {',
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  let i = 0;
  for (const [ns, nodes] of [...byNs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`  subgraph cluster_${i++} {`, `    label=${quote(`namespace ${ns}`)};`);
    for (const [id, label] of nodes) lines.push(`    ${quote(id)} [label="${label.replace(/"/g, '\\"')}"];`);
    lines.push('  }');
  }
  for (const [id, label] of outside) lines.push(`  ${quote(id)} [label=${quote(label)}, shape=ellipse];`);
  for (const p of paths)
    lines.push(`  ${quote(nodeId(p.from))} -> ${quote(nodeId(p.to))} [label=${quote(portSetText(p.ports))}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export interface QuestionText {
  from: EndpointSelector;
  to: EndpointSelector;
  ports: PortSet;
}

/** `yes`/`no`, then one block per pair with the evidence of both sides, then what cannot be known. */
export function answerText(
  q: QuestionText,
  answers: readonly PairAnswer[],
  unknowable: readonly string[],
  bullet = '  - ',
): string {
  const on = q.ports === ALL_PORTS ? '' : ` on ${portSetText(q.ports)}`;
  const question = `Can ${endpointSelectorText(q.from)} reach ${endpointSelectorText(q.to)}${on}?`;
  const yes = answers.filter((a) => !isEmpty(a.allowed));
  const lines: string[] = [];
  if (answers.length === 0) lines.push(`${question} Nothing to answer: no workload matches.`);
  else
    lines.push(
      `${question} ${yes.length > 0 ? 'yes' : 'no'}${answers.length > 1 ? ` (${yes.length} of ${answers.length} pairs)` : ''}`,
    );
  for (const a of answers) {
    lines.push(
      `${endpointLabel(a.from)} -> ${endpointLabel(a.to)}: ${isEmpty(a.allowed) ? 'no' : `yes, ${portSetText(a.allowed)}`}`,
    );
    lines.push(`    ${sideText(a.egress, a.to, q.ports)}`);
    lines.push(`    ${sideText(a.ingress, a.from, q.ports)}`);
  }
  return `${[...lines, '', ...caveats(unknowable, bullet)].join('\n')}\n`;
}
