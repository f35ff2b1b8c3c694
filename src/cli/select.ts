import type { AnyCheck } from '../core/model';
import { UsageError } from './io';

/** `--checks 'host.ssh.*,k8s.rbac.cluster-admin'`: globs over check IDs and aliases; `*` matches any run of characters. */
export function selectChecks(
  all: readonly AnyCheck[],
  include: readonly string[],
  exclude: readonly string[] = [],
): AnyCheck[] {
  const toRegex = (glob: string) => {
    if (!/^[a-z0-9.*?-]+$/.test(glob)) {
      throw new UsageError(
        `--checks: "${glob}" is not a check ID pattern (lower-case letters, digits, ".", "-", "*" and "?")`,
      );
    }
    return new RegExp(`^${glob.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  };
  const inc = include.map(toRegex);
  const exc = exclude.map(toRegex);
  const ids = (c: AnyCheck) => [c.id, ...(c.aliases ?? [])];
  const selected = all.filter(
    (c) => ids(c).some((id) => inc.some((r) => r.test(id))) && !ids(c).some((id) => exc.some((r) => r.test(id))),
  );
  if (selected.length === 0) {
    throw new UsageError(`--checks: no check matches ${include.join(', ')}; \`compliance-bot checks\` lists them`);
  }
  return selected;
}
