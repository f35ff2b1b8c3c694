import type { LabelSelector, Labels } from './facts/k8s';

/**
 * Whether a Kubernetes LabelSelector selects a set of labels: every `matchLabels` pair and every
 * `matchExpressions` requirement must hold (they are ANDed). `{}` selects everything.
 * An unknown operator selects nothing (the API server rejects such a selector, so it cannot be in force).
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, req.key);
    // A requirement without values lists no value: In never holds, NotIn always does.
    const listed = req.values?.includes(labels[req.key]) === true;
    switch (req.operator) {
      case 'In':
        if (!has || !listed) return false;
        break;
      case 'NotIn':
        // As in Kubernetes: a missing key satisfies NotIn.
        if (has && listed) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when the selector has no requirement at all, so it selects every possible pod, now and later. */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  if (!selector) return false;
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** A short, stable text form of a selector for messages and evidence: `app=web,tier in (a,b)` or `{}`. */
export function selectorText(selector: LabelSelector): string {
  const parts: string[] = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}
