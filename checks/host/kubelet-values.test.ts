import { parseGoDuration, parseWholeNumber } from './kubelet-values';

const S = 1e9;

describe("parseGoDuration: Go's time.ParseDuration", () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['0s', 0],
    ['0h0m0s', 0],
    ['5m', 300 * S],
    ['4h0m0s', 4 * 3600 * S],
    ['1h30m', 5400 * S],
    ['1.5h', 5400 * S],
    ['.5s', 0.5 * S],
    ['2.s', 2 * S],
    ['300ms', 0.3 * S],
    ['10us', 10e3],
    ['10µs', 10e3],
    ['10μs', 10e3],
    ['7ns', 7],
    ['+5m', 300 * S],
    ['-5m', -300 * S],
  ])('reads %s', (text, nanos) => {
    expect(parseGoDuration(text)).toBeCloseTo(nanos);
  });

  it.each([
    ['', 'empty'],
    ['300', 'a number without a unit'],
    ['5 m', 'a space'],
    ['5M', 'an upper-case unit'],
    ['5d', 'days'],
    ['.s', 'a dot without digits'],
    ['-', 'a sign alone'],
    ['4h0m0s ', 'a trailing space'],
    ['3000000h', 'more than int64 nanoseconds'],
    ['9223372036854775808ns', 'one nanosecond past the largest int64'],
    ['1e3s', 'an exponent'],
  ])('refuses %j (%s)', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['50', 50],
    ['0', 0],
    ['-1', -1],
    ['+5', 5],
    [' 7 ', 7],
  ])('reads %j', (text, n) => {
    expect(parseWholeNumber(text)).toBe(n);
  });

  it.each(['5.5', 'ten', '', '0x10', '1e3'])('refuses %j', (text) => {
    expect(parseWholeNumber(text)).toBeUndefined();
  });
});
