/**
 * Refusing an object read from a manifest as the API server would (decoding and validation), naming the field: the
 * shared parts of the NetworkPolicy and RBAC validators.
 */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value quoted in a problem, cut short: the problem names the field, it does not copy the manifest. */
export function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** What a JSON value is, for "is X, not a list". */
export function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v === 'string' ? 'the string' : `the ${typeof v}`} ${shown(v)}`;
}

class Refused extends Error {}

export const refuse = (path: string, why: string): never => {
  throw new Refused(`${path}: ${why}`);
};

/** The entries of an optional list (absent or null: none); every entry must be a mapping. */
export function mappings(v: unknown, path: string): Obj[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return refuse(path, `is ${typeOf(v)}, not a list`);
  return v.map((e, i) => (isObj(e) ? e : refuse(`${path}[${i}]`, `is ${typeOf(e)}, not a mapping`)));
}

export function optionalMapping(v: unknown, path: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  return isObj(v) ? v : refuse(path, `is ${typeOf(v)}, not a mapping`);
}

/** Runs a validator: the first refusal's message, or null when it refuses nothing. */
export function refusal(validate: () => void): string | null {
  try {
    validate();
    return null;
  } catch (err) {
    if (err instanceof Refused) return err.message;
    throw err;
  }
}
