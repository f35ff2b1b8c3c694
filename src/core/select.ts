import { globToRegExp } from './glob';
import type { AnyCheck } from './model';

/** The checks whose ID or an alias matches an include glob and no exclude glob. */
export function matchChecks(
  all: readonly AnyCheck[],
  include: readonly string[],
  exclude: readonly string[],
): AnyCheck[] {
  const inc = include.map(globToRegExp);
  const exc = exclude.map(globToRegExp);
  return all.filter((c) => {
    const ids = c.aliases ? [c.id, ...c.aliases] : [c.id];
    return ids.some((id) => inc.some((r) => r.test(id))) && !ids.some((id) => exc.some((r) => r.test(id)));
  });
}
