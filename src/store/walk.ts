/**
 * Walking the key layout, shared by the local and the S3 store: both only need "the names directly under this
 * folder" (readdir / a delimited S3 listing).
 */
import {
  compareRefs,
  DAY_PATTERN,
  dayInRange,
  isIgnorableName,
  parseSnapshotKey,
  refInRange,
  SNAPSHOTS_DIR,
  scopePrefix,
} from './layout';
import { assertScope, type SnapshotRef } from './types';

/** Names directly under a folder (relative to the store root, no trailing `/`; '' is the root); null if absent. */
export type ListDir = (rel: string) => Promise<string[] | null>;
export type Report = (key: string, problem: string) => void;
export type Range = { from?: Date; to?: Date };

/**
 * Snapshot refs of a scope in key order, one folder at a time: with 'desc' the newest day is listed first, so
 * latest() reads one or two folders, never the whole history.
 */
export async function* walkScope(
  listDir: ListDir,
  scope: string,
  order: 'asc' | 'desc',
  report: Report,
  range?: Range,
): AsyncGenerator<SnapshotRef> {
  const base = scopePrefix(scope).slice(0, -1);
  const days = ((await listDir(base)) ?? []).filter((n) => DAY_PATTERN.test(n)).sort();
  if (order === 'desc') days.reverse();
  for (const day of days) {
    if (!dayInRange(day, range)) continue;
    const dayRel = `${base}/${day}`;
    const refs: SnapshotRef[] = [];
    for (const name of (await listDir(dayRel)) ?? []) {
      if (isIgnorableName(name)) continue;
      const key = `${dayRel}/${name}`;
      const ref = parseSnapshotKey(key);
      if (ref) refs.push(ref);
      else report(key, 'not a snapshot file name of this store: ignored');
    }
    refs.sort(compareRefs);
    if (order === 'desc') refs.reverse();
    for (const ref of refs) if (refInRange(ref, range)) yield ref;
  }
}

/** Every scope with a `_snapshots` folder, up to the four levels a scope may have. */
export async function findScopes(listDir: ListDir): Promise<string[]> {
  const found: string[] = [];
  const visit = async (rel: string[]): Promise<void> => {
    const names = await listDir(rel.join('/'));
    if (!names) return;
    if (rel.length > 0 && names.includes(SNAPSHOTS_DIR)) found.push(rel.join('/'));
    if (rel.length >= 4) return;
    for (const name of names) {
      if (name.startsWith('_') || name.startsWith('.')) continue;
      const scope = [...rel, name].join('/');
      try {
        assertScope(scope);
      } catch {
        continue;
      }
      await visit([...rel, name]);
    }
  };
  await visit([]);
  return found.sort();
}
