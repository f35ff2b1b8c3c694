/**
 * The posture per framework kept in each snapshot's summary, for the digest (docs/digest.md, "Posture per
 * framework"): which frameworks a scope counts, over which of their sections, and the counts themselves. The counts
 * are the status derivation's (./frameworks/status.ts), the one `scan --framework` reports. Pure.
 */
import { createHash } from 'node:crypto';
import { FRAMEWORK_DATA, findFramework } from './frameworks/data';
import { CONTROL_STATUSES, frameworkStatus, type StatusCounts } from './frameworks/status';
import type { FrameworkData } from './frameworks/types';
import type { CheckMeta, Framework, Snapshot, TargetKind } from './model';
import type { FrameworkPosture } from './summary';

/** What the stores call to add the posture to a summary they write or rebuild. */
export type SummaryPosture = (snapshot: Snapshot) => FrameworkPosture[];

/** The catalogue the status derivation reads: each check's kind of target. */
export type PostureCatalogue = readonly Pick<CheckMeta, 'id' | 'targetKind'>[];

export interface PostureRequest {
  framework: FrameworkData;
  /** The sections to count; absent: all of them. */
  sections?: readonly string[];
}

/** The frameworks a scope counts when the configuration names none (schedules.digest.frameworks). */
const DEFAULTS: Record<TargetKind, readonly Framework[]> = {
  cluster: ['CIS Kubernetes Benchmark', 'NSA/CISA Kubernetes Hardening Guide'],
  // The CIS Kubernetes Benchmark's sections that only host checks judge (control-plane and worker node files,
  // kubelet, kube-proxy): sectionsFor() keeps those for a host scope.
  host: ['CIS Distribution Independent Linux', 'CIS Kubernetes Benchmark'],
};
const EKS: Framework = 'CIS Amazon EKS Benchmark';

/**
 * The default frameworks of a scope whose targets are of `kinds`, in the data's order; `eks` adds the CIS Amazon
 * EKS Benchmark (an EKS cluster, or hosts that back one). One version per framework: the first the data lists.
 */
export function defaultFrameworks(
  kinds: ReadonlySet<TargetKind>,
  eks: boolean,
  data: readonly FrameworkData[] = FRAMEWORK_DATA,
): FrameworkData[] {
  const wanted = new Set<Framework>([...kinds].flatMap((k) => DEFAULTS[k]));
  if (eks && kinds.size > 0) wanted.add(EKS);
  const seen = new Set<Framework>();
  return data.filter((f) => {
    if (!wanted.has(f.framework) || seen.has(f.framework)) return false;
    seen.add(f.framework);
    return true;
  });
}

/**
 * The sections of `framework` a scope whose targets are of `kinds` can judge; undefined: all of them. A framework
 * whose checks all judge kinds the scope has is counted whole; one judged only by a kind the scope lacks, not at all
 * ([]). A framework judged by both hosts and clusters (CIS Kubernetes: files on the control-plane hosts, the API on
 * the cluster) is cut by section: a host scope counts the sections that only host checks judge; a cluster scope
 * counts the others (mixed sections and those no check judges included). A scope without targets counts it whole;
 * so does a scope whose side holds every section.
 */
export function sectionsFor(
  framework: FrameworkData,
  kinds: ReadonlySet<TargetKind>,
  catalogue: PostureCatalogue,
): string[] | undefined {
  const kindOf = new Map(catalogue.map((c) => [c.id, c.targetKind]));
  const bySection = new Map<string, Set<TargetKind>>(framework.sections.map((s) => [s.id, new Set()]));
  const judgedBy = new Set<TargetKind>();
  for (const control of framework.controls) {
    for (const id of control.checks) {
      const kind = kindOf.get(id);
      if (kind === undefined) continue;
      bySection.get(control.section)?.add(kind);
      judgedBy.add(kind);
    }
  }
  if (kinds.size === 0 || [...judgedBy].every((k) => kinds.has(k))) return undefined;
  if (judgedBy.size === 1) return [];
  const hostScope = kinds.has('host');
  const hostOnly = (id: string) => {
    const k = bySection.get(id) ?? new Set();
    return k.size > 0 && [...k].every((x) => x === 'host');
  };
  const counted = framework.sections.filter((s) => hostOnly(s.id) === hostScope).map((s) => s.id);
  return counted.length === framework.sections.length ? undefined : counted;
}

const hashes = new WeakMap<FrameworkData, string>();

/** 12 hex characters of the sha256 of what decides a framework's statuses: each control's section and checks. */
export function frameworkDataHash(framework: FrameworkData): string {
  let hash = hashes.get(framework);
  if (hash === undefined) {
    const decisive = framework.controls.map((c) => [c.id, c.section, c.assessment, c.checks]);
    hash = createHash('sha256').update(JSON.stringify(decisive)).digest('hex').slice(0, 12);
    hashes.set(framework, hash);
  }
  return hash;
}

function sum(counts: readonly StatusCounts[]): StatusCounts {
  const out = { total: 0 } as StatusCounts;
  for (const s of CONTROL_STATUSES) out[s] = 0;
  for (const c of counts) {
    out.total += c.total;
    for (const s of CONTROL_STATUSES) out[s] += c[s];
  }
  return out;
}

/** Each requested framework's counts over its sections (a request with no section is left out). */
export function frameworkPosture(
  requests: readonly PostureRequest[],
  snapshot: Pick<Snapshot, 'checks' | 'results' | 'targets'>,
  catalogue: PostureCatalogue,
): FrameworkPosture[] {
  const out: FrameworkPosture[] = [];
  for (const { framework, sections } of requests) {
    if (sections !== undefined && sections.length === 0) continue;
    const status = frameworkStatus(framework, { snapshot, checks: catalogue });
    const counted = sections === undefined ? null : new Set(sections);
    const inScope = (section: string) => counted === null || counted.has(section);
    out.push({
      id: framework.id,
      ...(counted ? { sections: framework.sections.map((s) => s.id).filter(inScope) } : {}),
      data: frameworkDataHash(framework),
      // The derivation's own counts (whole framework or per section), so the digest and `scan --framework` agree.
      counts: sum(counted ? status.sections.filter((s) => inScope(s.id)).map((s) => s.counts) : [status.counts]),
      failing: status.controls.filter((c) => c.status === 'fail' && inScope(c.section)).map((c) => c.id),
    });
  }
  return out;
}

export interface PostureChoice {
  /** Framework IDs the configuration names; absent: the defaults of the scope's kind of target. */
  ids?: readonly string[];
  /** The scope is an EKS cluster, or hosts that back one. */
  eks: boolean;
}

/** The posture a snapshot's summary keeps: the chosen frameworks, each over the sections its targets can judge. */
export function snapshotPosture(
  snapshot: Snapshot,
  choice: PostureChoice,
  catalogue: PostureCatalogue,
  data: readonly FrameworkData[] = FRAMEWORK_DATA,
): FrameworkPosture[] {
  const kinds = new Set(snapshot.targets.map((t) => t.kind));
  const frameworks = choice.ids
    ? choice.ids.map((id) => findFramework(id, data)).filter((f): f is FrameworkData => f !== undefined)
    : defaultFrameworks(kinds, choice.eks, data);
  return frameworkPosture(
    frameworks.map((framework) => ({ framework, sections: sectionsFor(framework, kinds, catalogue) })),
    snapshot,
    catalogue,
  );
}
