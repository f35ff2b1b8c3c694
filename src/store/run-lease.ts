/**
 * The lease of the nightly run (docs/deploy.md, "The nightly run"): at most one execution plans, scans, diffs and
 * posts at a time. The plan takes the lease (a conditional create of `runs/active` beside the delivery markers, as
 * src/store/markers.ts creates a marker: S3 `If-None-Match: *`, a file opened with `wx`), the summary gives it back.
 * Another execution's plan is refused while the lease lasts; the same execution (a retried plan, a redrive) keeps
 * it. A lease lasts as long as an execution may run (the state machine's timeout), so an expired one belongs to an
 * execution that is over, and is taken over.
 *
 * Taking over first creates `runs/takeover/<hash of the expired lease>`: of two executions that find the same expired
 * lease, only the one that creates that marker replaces it.
 */
import { fnv1a } from '../core/shard';
import type { MarkerStore } from './markers';

export const LEASE_KEY = 'runs/active';

export interface Lease {
  runId: string;
  /** When the holder took it (ISO 8601). */
  since: string;
  /** After this instant (ISO 8601) the holder's execution has ended, whatever its state. */
  expiresAt: string;
}

export class LeaseHeldError extends Error {
  constructor(readonly held: Lease | null) {
    super(
      held
        ? `another nightly run (${held.runId}) is in progress since ${held.since}: this one changes nothing and stops (the lease expires at ${held.expiresAt})`
        : 'another nightly run is taking over the lease at this moment: this one changes nothing and stops',
    );
    this.name = 'LeaseHeldError';
  }
}

function parseLease(body: string | null): Lease | null {
  if (body === null) return null;
  try {
    const v = JSON.parse(body) as Partial<Lease>;
    if (
      typeof v.runId === 'string' &&
      typeof v.since === 'string' &&
      typeof v.expiresAt === 'string' &&
      !Number.isNaN(Date.parse(v.since)) &&
      !Number.isNaN(Date.parse(v.expiresAt))
    ) {
      return { runId: v.runId, since: v.since, expiresAt: v.expiresAt };
    }
  } catch {
    // An unreadable lease guards nothing: treated as expired below.
  }
  return null;
}

/**
 * Takes the lease for `runId` for `ttlMs` from `nowMs`, or keeps it when `runId` holds it. Throws LeaseHeldError when
 * another execution holds it and it has not expired. Returns how the lease was got.
 */
export async function takeLease(
  markers: MarkerStore,
  runId: string,
  nowMs: number,
  ttlMs: number,
): Promise<'taken' | 'kept' | 'taken-over'> {
  if (runId === '') throw new Error('a lease needs the run ID');
  if (!(ttlMs > 0)) throw new Error(`a lease needs a positive duration, got ${ttlMs}`);
  const mine = JSON.stringify({
    runId,
    since: new Date(nowMs).toISOString(),
    expiresAt: new Date(nowMs + ttlMs).toISOString(),
  } satisfies Lease);
  if (await markers.create(LEASE_KEY, mine)) return 'taken';
  const body = await markers.get(LEASE_KEY);
  if (body === null) {
    // Given back between the create and the read: one more try, as a new lease.
    if (await markers.create(LEASE_KEY, mine)) return 'taken';
    throw new LeaseHeldError(parseLease(await markers.get(LEASE_KEY)));
  }
  const held = parseLease(body);
  const expired = !held || Date.parse(held.expiresAt) <= nowMs;
  if (held && held.runId === runId && !expired) return 'kept';
  if (!expired) throw new LeaseHeldError(held);
  const claim = `runs/takeover/${fnv1a(body).toString(16).padStart(8, '0')}-${body.length}`;
  if (!(await markers.create(claim, JSON.stringify({ runId, at: new Date(nowMs).toISOString() })))) {
    throw new LeaseHeldError(null);
  }
  await markers.remove(LEASE_KEY);
  if (!(await markers.create(LEASE_KEY, mine))) throw new LeaseHeldError(parseLease(await markers.get(LEASE_KEY)));
  return 'taken-over';
}

/** Gives the lease back when `runId` holds it; another holder's lease is left alone. */
export async function releaseLease(markers: MarkerStore, runId: string): Promise<boolean> {
  const held = parseLease(await markers.get(LEASE_KEY));
  if (held?.runId !== runId) return false;
  await markers.remove(LEASE_KEY);
  return true;
}

/** The lease as it stands, for a message or a test. */
export async function currentLease(markers: MarkerStore): Promise<Lease | null> {
  return parseLease(await markers.get(LEASE_KEY));
}
