import type { Digest } from '../report/digest';
import { digestKey } from './digest-post';

const digest = (to: string, dates: string[], timeZone: string) => ({ to, dates, timeZone }) as unknown as Digest;

describe('Function: digestKey', () => {
  it('names the digest by the last day of its period in its time zone, not by the UTC date of the run', () => {
    // 15:00 and 20:00 on 30 November in Los Angeles: the same digest ("… – 2026-11-30"), on two UTC dates.
    const afternoon = digest('2026-11-30T23:00:00.000Z', ['2026-11-24', '2026-11-30'], 'America/Los_Angeles');
    const evening = digest('2026-12-01T04:00:00.000Z', ['2026-11-24', '2026-11-30'], 'America/Los_Angeles');
    expect(digestKey('CALERTS', afternoon)).toBe('digests/CALERTS-2026-11-30');
    expect(digestKey('CALERTS', evening)).toBe(digestKey('CALERTS', afternoon));
  });

  it('gives the next day its own digest, and another channel its own', () => {
    const one = digest('2026-12-01T04:00:00.000Z', ['2026-11-30'], 'America/Los_Angeles');
    const next = digest('2026-12-01T09:00:00.000Z', ['2026-12-01'], 'America/Los_Angeles');
    expect(digestKey('CALERTS', next)).toBe('digests/CALERTS-2026-12-01');
    expect(digestKey('CALERTS', next)).not.toBe(digestKey('CALERTS', one));
    expect(digestKey('COTHER', one)).not.toBe(digestKey('CALERTS', one));
  });
});
