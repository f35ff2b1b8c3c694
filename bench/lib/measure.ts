/**
 * What one measurement reports, and the helpers a measurement child uses. Each measurement runs in its own child
 * process, so `maxRSS` (getrusage's peak resident set) belongs to that measurement alone.
 */

export interface Step {
  name: string;
  ms: number;
  /** Peak RSS of the process up to the end of this step (MB). */
  peakRssMb: number;
}

export interface Measurement {
  ok: true;
  steps: Step[];
  /** Total of the steps (ms). */
  ms: number;
  peakRssMb: number;
  /** Requests issued to the API (Kubernetes pages, SSM and S3 calls) when the phase talks to one. */
  apiCalls?: number;
  extra?: Record<string, unknown>;
}

export interface Failure {
  ok: false;
  error: string;
}

export const peakRssMb = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

/** Times the steps of one measurement and records the peak RSS after each. */
export class Stopwatch {
  readonly steps: Step[] = [];

  async step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now();
    const out = await fn();
    this.steps.push({ name, ms: round(performance.now() - t0), peakRssMb: peakRssMb() });
    return out;
  }

  /** Adds time measured elsewhere (for example JSON.parse summed over pages). */
  add(name: string, ms: number): void {
    this.steps.push({ name, ms: round(ms), peakRssMb: peakRssMb() });
  }

  result(extra: Omit<Measurement, 'ok' | 'steps' | 'ms' | 'peakRssMb'> = {}): Measurement {
    return {
      ok: true,
      steps: this.steps,
      ms: round(this.steps.reduce((s, x) => s + x.ms, 0)),
      peakRssMb: peakRssMb(),
      ...extra,
    };
  }
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
