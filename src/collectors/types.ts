import type { TargetFacts, TargetInfo } from '../core/model';

/** Progress and warnings from long work: the CLI prints them on stderr, Lambdas log them. */
export interface Reporter {
  progress(message: string): void;
  warn(message: string): void;
}

export const silentReporter: Reporter = { progress: () => {}, warn: () => {} };

export interface CollectContext {
  reporter: Reporter;
  /** Aborted when the time budget (the Lambda's remaining time) runs out: collectors return what they have. */
  signal?: AbortSignal;
}

/**
 * Turns one target of the outside world into facts. A collector never throws for a fact it could not get: it
 * records `{ ok: false, reason }`. Throwing means the whole target was unreachable.
 */
export interface TargetCollector {
  readonly target: TargetInfo;
  collect(ctx: CollectContext): Promise<TargetFacts>;
}

/**
 * Some collectors reach many targets at once (SSM fans out to a fleet by tag): they yield one TargetFacts per host,
 * and name unreachable hosts with their reason.
 */
export interface FleetCollector {
  readonly name: string;
  collect(
    ctx: CollectContext,
  ): Promise<{ facts: TargetFacts[]; unreachable: { target: TargetInfo; reason: string }[] }>;
}
