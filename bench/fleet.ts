/** The fleet phase: filled in when the SSM runner (src/collectors/host/ssm.ts) lands. */
import type { Measurement } from './lib/measure';

export async function measureFleet(_a: Record<string, unknown>): Promise<Measurement> {
  throw new Error('skipped: src/collectors/host/ssm.ts has not landed');
}
