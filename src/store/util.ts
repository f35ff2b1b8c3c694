import type { StoreProblem } from './types';

export type ProblemSink = (problem: StoreProblem) => void;

/** Default sink: a line on stderr, so a skipped object is never silent. */
export const stderrProblemSink: ProblemSink = (p) => {
  process.stderr.write(`compliance-bot: store: skipped ${p.key}: ${p.problem}\n`);
};

/** Reports each key's problem once per store instance: a corrupt file is not announced on every read. */
export class ProblemReporter {
  private readonly seen = new Set<string>();

  constructor(private readonly sink: ProblemSink) {}

  report(key: string, problem: string): void {
    const id = `${key}\u0000${problem}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.sink({ key, problem });
  }
}
