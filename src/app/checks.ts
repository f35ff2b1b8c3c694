/** The check registry as the entry points use it: every check, and the ones the configuration selects. */
import { checks as allChecks, findCheck } from '../../checks/index';
import type { Config } from '../config/schema';
import type { AnyCheck } from '../core/model';
import { matchChecks } from '../core/select';

export { allChecks, findCheck };

/** The configuration's `checks.include`/`exclude` globs over IDs and aliases. */
export function configuredChecks(all: readonly AnyCheck[], config: Config): AnyCheck[] {
  return matchChecks(all, config.checks.include, config.checks.exclude);
}

/** A check's remediation text by ID or alias, for the Slack reports. */
export function remediationOf(id: string): string | undefined {
  return findCheck(id)?.remediation;
}
