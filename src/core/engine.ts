import { errorMessage } from './errors';
import { fingerprint } from './fingerprint';
import {
  type AnyCheck,
  type CheckOptions,
  DEFAULT_CHECK_OPTIONS,
  type Fact,
  type FactKey,
  type Finding,
  type ResourceRef,
  type Result,
  SEVERITIES,
  type SourcePosition,
  STATUSES,
  type TargetFacts,
} from './model';
import { redactSecrets } from './redact';

export interface EvaluateOptions {
  now: Date;
  options?: CheckOptions;
  /**
   * The IDs of every check this scan evaluates (CheckContext.checksInScan). evaluateTarget defaults to the checks it
   * is given; evaluateCheck alone to that one check.
   */
  checksInScan?: readonly string[];
}

/** Evaluates every check that applies to the target's kind; never throws. */
export function evaluateTarget(checks: readonly AnyCheck[], input: TargetFacts, opts: EvaluateOptions): Result[] {
  const results: Result[] = [];
  const inScan = { ...opts, checksInScan: opts.checksInScan ?? checks.map((c) => c.id) };
  for (const check of checks) {
    if (check.targetKind !== input.target.kind) continue;
    results.push(...evaluateCheck(check, input, inScan));
  }
  return results;
}

/** Evaluates one check on one target: missing facts and a throwing check give `unknown`, never a crash. */
export function evaluateCheck(check: AnyCheck, input: TargetFacts, opts: EvaluateOptions): Result[] {
  const target = input.target.name;
  const targetResource = { kind: input.target.kind === 'host' ? 'Host' : 'Cluster', name: target };
  const unknown = (message: string, evidence?: Record<string, unknown>): Result[] => [
    toResult(check, target, { status: 'unknown', resource: targetResource, message, evidence }),
  ];

  const values: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const key of check.requires as FactKey[]) {
    const fact = input.facts[key] as Fact<unknown> | undefined;
    if (!fact) missing.push(`${key}: not collected`);
    else if (!fact.ok) missing.push(`${key}: ${fact.reason}`);
    else values[key] = fact.value;
  }
  if (missing.length > 0) {
    return unknown(`Could not assess: ${missing.join('; ')}.`, { missingFacts: missing });
  }

  let findings: Finding[];
  try {
    findings = check.evaluate({
      target: input.target,
      facts: values,
      optional: input.facts,
      now: opts.now,
      options: opts.options ?? DEFAULT_CHECK_OPTIONS,
      checksInScan: new Set(opts.checksInScan ?? [check.id]),
    });
  } catch (err) {
    const text = redactSecrets(errorMessage(err));
    return unknown(`Could not assess: the check failed with an error: ${text}.`, { error: text });
  }
  const bad = findings.find((f) => !STATUSES.includes(f.status) || (f.severity && !SEVERITIES.includes(f.severity)));
  if (bad) return unknown(`Could not assess: the check returned an invalid status or severity.`);
  const where = sourceIndex(input.sources);
  return findings.map((f) => toResult(check, target, f, where));
}

type SourceLookup = (r: ResourceRef) => SourcePosition | undefined;

const resourceKey = (r: ResourceRef) => `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;

/** Built once per list of positions (a target's), not once per check. */
const sourceIndexes = new WeakMap<object, SourceLookup>();

function sourceIndex(sources: TargetFacts['sources']): SourceLookup {
  if (!sources || sources.length === 0) return () => undefined;
  let lookup = sourceIndexes.get(sources);
  if (!lookup) {
    const byKey = new Map<string, SourcePosition>();
    // The first place an object was read is where it is: a duplicate later in the input does not move it.
    for (const s of sources) if (!byKey.has(resourceKey(s.resource))) byKey.set(resourceKey(s.resource), s.source);
    lookup = (r) => byKey.get(resourceKey(r));
    sourceIndexes.set(sources, lookup);
  }
  return lookup;
}

function toResult(check: AnyCheck, target: string, f: Finding, where: SourceLookup = () => undefined): Result {
  const result: Result = {
    checkId: check.id,
    status: f.status,
    severity: f.severity ?? check.severity,
    target,
    resource: f.resource,
    message: f.message,
    fingerprint: fingerprint(check.id, target, f.resource),
  };
  if (f.evidence !== undefined) result.evidence = f.evidence;
  const source = where(f.resource);
  if (source) result.source = { ...source };
  return result;
}
