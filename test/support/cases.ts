/**
 * Check test cases as data (input facts beside the expected results), one `<check>.cases.ts` file beside each
 * check. checks/registry.test.ts finds every cases file, runs every case through the engine and requires at least
 * one failing and one passing case per check.
 */
import type { AnyCheck, CheckOptions, FactSet, Severity, Status, TargetInfo } from '../../src/core/model';

export interface ExpectedResult {
  status: Status;
  /** `name`, or `namespace/name` for a namespaced resource. Omitted: any resource. */
  resource?: string;
  /** The resource kind, when it matters. */
  kind?: string;
  severity?: Severity;
  /** A substring the message must contain. */
  message?: string;
  /**
   * What the evidence must hold: every key given must be present with that value (objects compared the same way,
   * key by key; arrays element by element and of the same length). Keys not given are not compared.
   */
  evidence?: Record<string, unknown>;
}

export interface CheckCase {
  /** States the input and the outcome: 'fails when PermitRootLogin is prohibit-password'. */
  name: string;
  target?: TargetInfo;
  facts: FactSet;
  /** Scan time (ISO); default 2026-06-01T00:00:00Z. */
  now?: string;
  options?: Partial<CheckOptions>;
  /** The check IDs evaluated in the same scan (CheckContext.checksInScan); default: every registered check. */
  checksInScan?: string[];
  /** Every expected result must be produced; with `exact` (the default) nothing else may be. */
  expect: ExpectedResult[];
  exact?: boolean;
}

export interface CheckCases {
  check: AnyCheck;
  cases: CheckCase[];
}

export function defineCases(check: AnyCheck, cases: CheckCase[]): CheckCases {
  return { check, cases };
}

/**
 * The cases a `.cases.ts` module gives: one check's (`defineCases`), or several checks' when the checks are made
 * from a table of rules (an array of `defineCases`). Throws for a module that gives neither.
 */
export function casesOf(mod: { default?: unknown }, file: string): CheckCases[] {
  const all = Array.isArray(mod.default) ? mod.default : [mod.default];
  for (const one of all) {
    const c = one as Partial<CheckCases> | undefined;
    if (!c?.check || !Array.isArray(c.cases)) throw new Error(`${file} has no default export from defineCases()`);
  }
  return all as CheckCases[];
}
