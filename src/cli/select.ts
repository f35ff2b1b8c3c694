import type { AnyCheck } from '../core/model';
import { matchChecks } from '../core/select';
import { UsageError } from './errors';

/** `--checks 'host.ssh.*,k8s.rbac.cluster-admin'`: globs over check IDs and aliases; `*` matches any run of characters. */
export function selectChecks(
  all: readonly AnyCheck[],
  include: readonly string[],
  exclude: readonly string[] = [],
): AnyCheck[] {
  for (const glob of [...include, ...exclude]) {
    if (!/^[a-z0-9.*?-]+$/.test(glob)) {
      throw new UsageError(
        `--checks: "${glob}" is not a check ID pattern (lower-case letters, digits, ".", "-", "*" and "?")`,
      );
    }
  }
  const selected = matchChecks(all, include, exclude);
  if (selected.length === 0) {
    throw new UsageError(`--checks: no check matches ${include.join(', ')}; \`compliance-bot checks\` lists them`);
  }
  return selected;
}
