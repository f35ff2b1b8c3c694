import { createHash } from 'node:crypto';
import type { ResourceRef } from './model';

/** Hex characters in a fingerprint. */
export const FINGERPRINT_LENGTH = 20;

/** A finding fingerprint as reports show it and commands take it: 20 lower-case hex characters, nothing else. */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{20}$/;

/** The shortest fingerprint prefix a command takes: shorter ones would match by chance in any sizeable fleet. */
export const MIN_FINGERPRINT_PREFIX = 6;

/** A whole fingerprint or a prefix of one long enough to name a finding (see isFingerprintPrefix). */
export const FINGERPRINT_PREFIX_PATTERN = /^[0-9a-f]{6,20}$/;

/** Whether `text` is a whole fingerprint or a prefix of one long enough to name a finding (lower-case hex). */
export function isFingerprintPrefix(text: string): boolean {
  return FINGERPRINT_PREFIX_PATTERN.test(text);
}

/** Whether `text` is a finding fingerprint (see FINGERPRINT_PATTERN). */
export function isFingerprint(text: string): boolean {
  return FINGERPRINT_PATTERN.test(text);
}

/**
 * Stable identity of a finding: the same check, target and resource give the same fingerprint from one night to
 * the next, whatever the message says. 20 hex characters (80 bits).
 */
export function fingerprint(checkId: string, target: string, resource: ResourceRef): string {
  return createHash('sha256')
    .update([checkId, target, resource.kind, resource.namespace ?? '', resource.name].join('\u0000'))
    .digest('hex')
    .slice(0, FINGERPRINT_LENGTH);
}
