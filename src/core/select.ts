import type { AnyCheck } from './model';

/** A check ID glob (`host.ssh.*`, `k8s.rbac.?ecrets-read`) as a regular expression: `*` any run, `?` one character. */
export function checkGlob(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

/** The checks whose ID or an alias matches an include glob and no exclude glob. */
export function matchChecks(
  all: readonly AnyCheck[],
  include: readonly string[],
  exclude: readonly string[] = [],
): AnyCheck[] {
  const inc = include.map(checkGlob);
  const exc = exclude.map(checkGlob);
  return all.filter((c) => {
    const ids = [c.id, ...(c.aliases ?? [])];
    return ids.some((id) => inc.some((r) => r.test(id))) && !ids.some((id) => exc.some((r) => r.test(id)));
  });
}
