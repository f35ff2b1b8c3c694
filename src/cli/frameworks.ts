/** `--framework ID` of `frameworks` and `scan`: the framework data it names, or a usage error listing the IDs. */
import { FRAMEWORK_DATA, findFramework } from '../core/frameworks/data';
import type { FrameworkData } from '../core/frameworks/types';
import { UsageError } from './errors';

/** The frameworks `value` names (IDs separated by commas: a repeated flag arrives joined), in the order given. */
export function parseFrameworks(value: string | undefined): FrameworkData[] {
  if (value === undefined) return [];
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) throw new UsageError(`--framework needs an ID: ${FRAMEWORK_DATA.map((f) => f.id).join(', ')}`);
  return ids.map((id) => {
    const found = findFramework(id);
    if (!found) {
      throw new UsageError(
        `--framework "${id.slice(0, 60)}": no such framework; use one of ${FRAMEWORK_DATA.map((f) => f.id).join(', ')} (compliance-bot frameworks lists them)`,
      );
    }
    return found;
  });
}
