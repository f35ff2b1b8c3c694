/**
 * Untrusted data (YAML and JSON read from hosts, manifests, configuration files) as plain data: objects with no
 * prototype and without the keys that steer JavaScript's object model (`__proto__`, `constructor`, `prototype`).
 * A merge or lookup over the result can neither change a prototype nor read a value inherited from one.
 */

/** Keys never copied from untrusted configuration data. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Only `__proto__`: for data where `constructor` and `prototype` are legitimate keys (a Kubernetes label may be
 * named so). The null-prototype objects keep them as plain data.
 */
export const PROTO_KEY: ReadonlySet<string> = new Set(['__proto__']);

export type PlainObject = Record<string, unknown>;

function isPlainMapping(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export interface Cleaned<T> {
  value: T;
  /** Where unsafe keys were dropped, as dotted paths (`spec.__proto__`). */
  dropped: string[];
}

/** Thrown for data that contains itself (a YAML alias to a node that holds it), which has no finite copy. */
export class CyclicDataError extends Error {
  constructor() {
    super('an alias refers to a node that contains it');
    this.name = 'CyclicDataError';
  }
}

/**
 * A deep copy of `value` with null-prototype objects and none of `keys`. Arrays and scalars are kept as they are.
 * Throws CyclicDataError when the data contains itself (YAML's `a: &x {b: *x}` parses to such an object); a node
 * shared without a cycle (an alias to a sibling) is copied at each place.
 */
export function cleanUntrusted<T = unknown>(value: T, keys: ReadonlySet<string> = UNSAFE_KEYS): Cleaned<T> {
  // Iterative, with an explicit stack: untrusted documents may nest thousands of levels deep (valid JSON), which
  // must not overflow the call stack.
  interface Frame {
    src: unknown;
    /** Set on the frame popped once a container's children are done: it leaves the path then. */
    leaves?: true;
    parent: Frame | null;
    /** The key or `[index]` under the parent: paths are built only for dropped keys. */
    step: string;
    set: (v: unknown) => void;
  }
  const dropped: string[] = [];
  const pathOf = (frame: Frame | null, last: string): string => {
    const steps = [last];
    for (let f = frame; f?.parent; f = f.parent) steps.push(f.step);
    return steps.reverse().reduce((p, s) => (s.startsWith('[') || p === '' ? `${p}${s}` : `${p}.${s}`), '');
  };
  let result: unknown;
  const stack: Frame[] = [{ src: value, parent: null, step: '', set: (v) => (result = v) }];
  // The containers from the root to the one being copied: meeting one of them again is a cycle.
  const onPath = new Set<unknown>();
  const enter = (frame: Frame) => {
    if (onPath.has(frame.src)) throw new CyclicDataError();
    onPath.add(frame.src);
    stack.push({ ...frame, leaves: true });
  };
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { src } = frame;
    if (frame.leaves) {
      onPath.delete(src);
    } else if (Array.isArray(src)) {
      enter(frame);
      const out: unknown[] = new Array(src.length);
      frame.set(out);
      for (let i = 0; i < src.length; i++) {
        stack.push({ src: src[i], parent: frame, step: `[${i}]`, set: (v) => (out[i] = v) });
      }
    } else if (isPlainMapping(src)) {
      enter(frame);
      const out: PlainObject = Object.create(null);
      frame.set(out);
      for (const k of Object.keys(src)) {
        if (keys.has(k)) {
          dropped.push(pathOf(frame, k));
          continue;
        }
        out[k] = undefined; // keeps the source's key order; the value is set when its frame is popped
        stack.push({ src: src[k], parent: frame, step: k, set: (v) => (out[k] = v) });
      }
    } else {
      frame.set(src);
    }
  }
  dropped.sort();
  return { value: result as T, dropped };
}

/**
 * `over` merged into `base` field by field (nested mappings merged, anything else replaced), as the kubelet merges
 * its configuration drop-ins. Both are cleaned first: the result has null-prototype objects only.
 */
export function mergeUntrusted(base: PlainObject, over: PlainObject): PlainObject {
  const merge = (b: PlainObject, o: PlainObject): PlainObject => {
    const out: PlainObject = Object.create(null);
    for (const k of Object.keys(b)) out[k] = b[k];
    for (const k of Object.keys(o)) {
      const prev = Object.hasOwn(out, k) ? out[k] : undefined;
      const v = o[k];
      out[k] = isPlainMapping(v) && isPlainMapping(prev) ? merge(prev, v) : v;
    }
    return out;
  };
  return merge(cleanUntrusted(base).value, cleanUntrusted(over).value);
}
