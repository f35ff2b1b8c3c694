import { addDays, dayIn, digestPeriod, periodName, startOfDay } from './digest-period';

describe('Function: startOfDay', () => {
  it('is local midnight, in UTC and in zones east and west of it', () => {
    expect(new Date(startOfDay('2026-11-30', 'UTC')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(startOfDay('2026-11-30', 'Asia/Kolkata')).toISOString()).toBe('2026-11-29T18:30:00.000Z');
    expect(new Date(startOfDay('2026-11-30', 'America/Los_Angeles')).toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });

  it('is the first instant of the day where midnight does not exist (America/Santiago, 6 September 2026)', () => {
    const start = startOfDay('2026-09-06', 'America/Santiago');
    expect(new Date(start).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(dayIn(start, 'America/Santiago')).toBe('2026-09-06');
    expect(dayIn(start - 1, 'America/Santiago')).toBe('2026-09-05');
  });
});

describe('Function: digestPeriod', () => {
  it('names N days ending today, starting at the first one’s midnight, with the day before as the baseline', () => {
    const p = digestPeriod(new Date('2026-03-01T10:00:00.000Z'), 3, 'UTC');
    expect(p.dates).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(new Date(p.fromMs).toISOString()).toBe('2026-02-27T00:00:00.000Z');
    expect(new Date(p.baselineFromMs).toISOString()).toBe('2026-02-26T00:00:00.000Z');
  });

  it('refuses a period that is not a whole number of days from 1', () => {
    expect(() => digestPeriod(new Date(0), 0)).toThrow(/days must be a whole number from 1/);
    expect(() => digestPeriod(new Date(0), 1.5)).toThrow(/days must be a whole number from 1/);
  });

  it('names the period without calling every range weekly', () => {
    expect([1, 7, 31].map(periodName)).toEqual(['today', 'last 7 days', 'last 31 days']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
