import {
  ALL_PORTS,
  equals,
  intersect,
  isAll,
  isEmpty,
  MAX_PORT,
  NO_PORTS,
  parsePortQuery,
  portSetKey,
  portSetText,
  rulePorts,
  subtract,
  trafficEntries,
  union,
} from './ports';

describe('union', () => {
  it('clips to 1..65535, drops inverted ranges, sorts and merges overlapping and adjacent ranges', () => {
    expect(union({ TCP: [[0, 70_000]] })).toStrictEqual({ TCP: [[1, MAX_PORT]] });
    expect(union({ TCP: [[90, 80]] })).toStrictEqual({});
    expect(union({ TCP: [[90, 100]] }, { TCP: [[80, 100]] })).toStrictEqual({ TCP: [[80, 100]] });
    expect(union({ TCP: [[82, 82]] }, { TCP: [[80, 81]] })).toStrictEqual({ TCP: [[80, 82]] });
    expect(union({ TCP: [[80, 100]] }, { TCP: [[90, 95]] })).toStrictEqual({ TCP: [[80, 100]] });
    expect(union({ TCP: [[80, 80]] }, { TCP: [[82, 82]] })).toStrictEqual({
      TCP: [
        [80, 80],
        [82, 82],
      ],
    });
    expect(union({ UDP: [[53, 53]] }, { SCTP: [[9, 9]] })).toStrictEqual({ UDP: [[53, 53]], SCTP: [[9, 9]] });
  });

  it('leaves out a protocol with no ports rather than keeping an empty list', () => {
    expect(union(NO_PORTS, { TCP: [] })).toStrictEqual({});
  });
});

describe('isAll and isEmpty', () => {
  it('is all only when every protocol allows every port', () => {
    expect(isAll(ALL_PORTS)).toBe(true);
    expect(isAll({ TCP: [[1, MAX_PORT]] })).toBe(false);
    expect(isAll({ ...ALL_PORTS, SCTP: [[2, MAX_PORT]] })).toBe(false);
    expect(isAll({ ...ALL_PORTS, SCTP: [[1, MAX_PORT - 1]] })).toBe(false);
    expect(
      isAll({
        ...ALL_PORTS,
        SCTP: [
          [1, 5],
          [6, MAX_PORT],
        ],
      }),
    ).toBe(false);
    expect(isEmpty(NO_PORTS)).toBe(true);
    expect(isEmpty({ UDP: [] })).toBe(true);
    expect(isEmpty({ SCTP: [[1, 1]] })).toBe(false);
  });
});

describe('intersect', () => {
  it('keeps every overlap whichever side has more ranges', () => {
    const split = {
      TCP: [
        [1, 10],
        [20, 30],
      ] as const,
    };
    expect(intersect(split, { TCP: [[5, 25]] })).toStrictEqual({
      TCP: [
        [5, 10],
        [20, 25],
      ],
    });
    expect(intersect({ TCP: [[5, 25]] }, split)).toStrictEqual({
      TCP: [
        [5, 10],
        [20, 25],
      ],
    });
    expect(intersect({ TCP: [[1, 10]] }, { TCP: [[11, 20]], UDP: [[1, 10]] })).toStrictEqual({});
  });
});

describe('subtract', () => {
  it('keeps what lies outside the removed ranges', () => {
    const a = { TCP: [[10, 20]] as const };
    expect(subtract(a, { TCP: [[30, 40]] })).toStrictEqual({ TCP: [[10, 20]] });
    expect(subtract(a, { TCP: [[1, 5]] })).toStrictEqual({ TCP: [[10, 20]] });
    expect(subtract(a, { TCP: [[12, 15]] })).toStrictEqual({
      TCP: [
        [10, 11],
        [16, 20],
      ],
    });
    expect(subtract(a, { TCP: [[5, 15]] })).toStrictEqual({ TCP: [[16, 20]] });
    expect(subtract(a, { TCP: [[15, 25]] })).toStrictEqual({ TCP: [[10, 14]] });
    expect(subtract(a, { TCP: [[10, 20]] })).toStrictEqual({});
    expect(subtract(ALL_PORTS, { UDP: [[1, MAX_PORT]], SCTP: [[1, MAX_PORT]] })).toStrictEqual({
      TCP: [[1, MAX_PORT]],
    });
  });
});

describe('equals and portSetKey', () => {
  it('compares sets, not the way they were written', () => {
    expect(
      portSetKey({
        TCP: [
          [80, 81],
          [90, 90],
        ],
        SCTP: [[9, 9]],
      }),
    ).toBe('TCP:80-81,90-90;UDP:;SCTP:9-9');
    expect(equals({ TCP: [[80, 80]] }, { TCP: [[80, 80]], UDP: [] })).toBe(true);
    expect(equals({ TCP: [[80, 80]] }, { TCP: [[80, 81]] })).toBe(false);
  });
});

describe('rulePorts', () => {
  const target = [
    { name: 'http', containerPort: 8080, protocol: 'TCP' },
    { name: 'http', containerPort: 8081, protocol: 'TCP' },
    { name: 'http', containerPort: 9000, protocol: 'UDP' },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
  ];

  it('allows everything without a ports list', () => {
    expect(rulePorts(undefined, target)).toStrictEqual({ ports: ALL_PORTS, unresolved: [] });
    expect(rulePorts([], undefined)).toStrictEqual({ ports: ALL_PORTS, unresolved: [] });
  });

  it('reads numbers, ranges, numeric strings, whole protocols and TCP by default, skipping unknown protocols', () => {
    expect(
      rulePorts(
        [
          { port: 80 },
          { protocol: 'udp', port: 1000, endPort: 1010 },
          { protocol: 'UDP', port: '53' },
          { protocol: 'UDP', port: '60', endPort: 70 },
          { protocol: 'SCTP' },
          { protocol: 'ICMP', port: 1 },
        ],
        undefined,
      ),
    ).toStrictEqual({
      ports: {
        TCP: [[80, 80]],
        UDP: [
          [53, 53],
          [60, 70],
          [1000, 1010],
        ],
        SCTP: [[1, MAX_PORT]],
      },
      unresolved: [],
    });
  });

  it('resolves a named port against the destination containers of its protocol', () => {
    expect(rulePorts([{ port: 'http' }], target)).toStrictEqual({ ports: { TCP: [[8080, 8081]] }, unresolved: [] });
    expect(rulePorts([{ protocol: 'UDP', port: 'dns' }], target)).toStrictEqual({
      ports: { UDP: [[53, 53]] },
      unresolved: [],
    });
    expect(rulePorts([{ port: 'dns' }], target)).toStrictEqual({ ports: {}, unresolved: [] });
    expect(rulePorts([{ port: '8x' }], target)).toStrictEqual({ ports: {}, unresolved: [] });
  });

  it('reads a number port as a number, never as a name, even outside 1..65535', () => {
    expect(rulePorts([{ port: -1 }], undefined)).toStrictEqual({ ports: {}, unresolved: [] });
  });

  it('reports a named port it cannot resolve when the destination containers are unknown', () => {
    expect(
      rulePorts(
        [
          { port: 'http' },
          { protocol: 'UDP', port: 'dns' },
          { protocol: 'ICMP', port: 'ping' },
          { port: 'x8' },
          { port: '8x' },
        ],
        undefined,
      ),
    ).toStrictEqual({
      ports: {},
      unresolved: ['TCP/http', 'UDP/dns', 'TCP/x8', 'TCP/8x'],
    });
  });
});

describe('parsePortQuery', () => {
  it('reads PROTO/PORT, a bare port as TCP, and ranges', () => {
    expect(parsePortQuery(' udp/53 ')).toStrictEqual({ UDP: [[53, 53]] });
    expect(parsePortQuery('5432')).toStrictEqual({ TCP: [[5432, 5432]] });
    expect(parsePortQuery('TCP/8000-8080')).toStrictEqual({ TCP: [[8000, 8080]] });
    expect(parsePortQuery('sctp/1-65535')).toStrictEqual({ SCTP: [[1, MAX_PORT]] });
  });

  it.each(['x80', '80x', 'TCP/80-9x', 'TCP/80-', 'ICMP/1', ''])('refuses %j', (text) => {
    expect(() => parsePortQuery(text)).toThrow(`"${text}" is not a port: give PROTO/PORT, such as TCP/5432 or UDP/53`);
  });

  it('cuts a long refused text to 40 characters', () => {
    expect(() => parsePortQuery('a'.repeat(50))).toThrow(`"${'a'.repeat(40)}" is not a port`);
  });

  it('cuts a long padded out-of-range text to 40 characters', () => {
    expect(() => parsePortQuery(`${' '.repeat(45)}0`)).toThrow(`"${' '.repeat(40)}": ports go from 1 to 65535`);
  });

  it.each(['0', '65536', 'TCP/90-80', 'UDP/0-5', 'TCP/1-65536'])('refuses %j as out of range', (text) => {
    expect(() => parsePortQuery(text)).toThrow(`"${text}": ports go from 1 to 65535`);
  });
});

describe('trafficEntries and portSetText', () => {
  const set = {
    TCP: [
      [80, 80],
      [8000, 8080],
    ],
    UDP: [[1, MAX_PORT]],
    SCTP: [[1, 9]],
  } as const;

  it('gives one JSON entry per range, endPort only for ranges', () => {
    expect(trafficEntries(set)).toStrictEqual([
      { protocol: 'TCP', port: 80 },
      { protocol: 'TCP', port: 8000, endPort: 8080 },
      { protocol: 'UDP', port: 1, endPort: MAX_PORT },
      { protocol: 'SCTP', port: 1, endPort: 9 },
    ]);
  });

  it('writes a whole protocol as PROTO/*, ranges from either end and "all traffic" / "nothing"', () => {
    expect(portSetText(set)).toBe('TCP/80, TCP/8000-8080, UDP/*, SCTP/1-9');
    expect(portSetText({ TCP: [[2, MAX_PORT]] })).toBe('TCP/2-65535');
    expect(portSetText(ALL_PORTS)).toBe('all traffic');
    expect(portSetText(NO_PORTS)).toBe('nothing');
  });
});
