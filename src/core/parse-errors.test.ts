import {
  describeJsonError,
  jsonErrorOffset,
  jsonReason,
  linePos,
  parserReason,
  positionOf,
  yamlReason,
} from './parse-errors';

const C = 'CANARY-7f3a9c';

describe('parserReason', () => {
  it('keeps what went wrong and drops the input a parser quotes', () => {
    expect(parserReason(`bad indentation of a mapping entry (11:4)\n\n 10 |  token: ${C}`)).toBe(
      'bad indentation of a mapping entry',
    );
    expect(parserReason(`Unresolved tag: !${C}`)).toBe('Unresolved tag');
    expect(parserReason(`Block scalar header includes extra characters: ${C}`)).toBe(
      'Block scalar header includes extra characters',
    );
    expect(parserReason(`Unexpected token 'x', "{"token": "${C}" is not valid JSON`)).toBe('Unexpected token');
    expect(parserReason(`unknown tag !<tag:${C}>`)).toBe('unknown tag');
    expect(parserReason(`Nested mappings are not allowed in compact mappings at line 3, column 7:\n\n${C}`)).toBe(
      'Nested mappings are not allowed in compact mappings',
    );
    expect(parserReason(`"${C}"`)).toBe('syntax error');
  });

  it('reads the reason after leading blanks', () => {
    expect(parserReason(`  \tMissing closing quote: ${C}`)).toBe('Missing closing quote');
  });

  it('cuts an unclosed parenthesis and what follows it, attached to a word or not', () => {
    expect(parserReason('Unterminated(12:3')).toBe('Unterminated');
    expect(parserReason('Missing value (12:3')).toBe('Missing value');
  });

  it('keeps a closed parenthesis: it is part of the reason', () => {
    expect(parserReason(`Invalid value (not a number) in field: ${C}`)).toBe('Invalid value (not a number) in field');
  });

  it('drops every trailing blank, comma, dash and parenthesis', () => {
    expect(parserReason(`Missing closing quote -,: ${C}`)).toBe('Missing closing quote');
    expect(parserReason(`Missing closing quote , - ( : ${C}`)).toBe('Missing closing quote');
  });

  it('drops the position a parser appends in words, however it is spaced', () => {
    expect(parserReason('Implicit keys need to be on a single line  at line 12, column 4')).toBe(
      'Implicit keys need to be on a single line',
    );
  });

  it('keeps at most 120 characters of the reason', () => {
    const long = `${'word '.repeat(40)}end`;
    expect(parserReason(long)).toBe(long.slice(0, 120));
    expect(parserReason(long)).toHaveLength(120);
  });
});

describe('Function: jsonReason', () => {
  it('names an unexpected token without quoting it, whichever way the runtime words it', () => {
    expect(jsonReason(new SyntaxError(`Unexpected token 'x', "{"token": "${C}"}" is not valid JSON`))).toBe(
      'unexpected token',
    );
    expect(jsonReason(new SyntaxError('Unexpected token s in JSON at position 12'))).toBe('unexpected token');
  });

  it('drops the offset the runtime appends, however many digits and whatever follows', () => {
    expect(jsonReason(new SyntaxError("Expected ':' after property name in JSON at position 4"))).toBe(
      "Expected ':' after property name",
    );
    expect(jsonReason(new SyntaxError('Unterminated string in JSON at position 1234 (line 1 column 1235)'))).toBe(
      'Unterminated string',
    );
  });

  it('replaces any other message that quotes the input', () => {
    expect(jsonReason(new SyntaxError(`"${C}" is not valid JSON`))).toBe('not valid JSON');
  });

  it('replaces only a message that opens with the token error; other reasons keep their own words', () => {
    expect(jsonReason('parse stopped: Unexpected token')).toBe('parse stopped: Unexpected token');
  });
});

describe('Function: linePos', () => {
  it('says so when there is no position', () => {
    expect(linePos('{}', undefined)).toBe('an unknown position');
    expect(linePos('a\nbc', 4)).toBe('line 2, column 3');
  });
});

describe('Function: jsonErrorOffset', () => {
  it('locates a JSON error by line and column', () => {
    expect(jsonErrorOffset('{"a": 1,\n "b" 2}')).toBe(14);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": "\\q"}')).toBe(7);
    expect(jsonErrorOffset('{"a": [true, nul]}')).toBe(13);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
  });

  it('finds nothing wrong in valid JSON', () => {
    for (const text of [
      '{"a": 1}',
      ' [true, false, null, -1.5e3, "x"] \n',
      '{"a": {}, "b": [], "c": [{}]}',
      '"\\u00e9\\uD83D\\uDE00 \\" \\\\ \\/ \\b \\f \\n \\r \\t"',
      '["\\n1234"]',
      '"a b"',
    ]) {
      expect([text, jsonErrorOffset(text)]).toEqual([text, undefined]);
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('stops at the backslash of a bad escape', () => {
    expect(jsonErrorOffset('["\\u00zz"]')).toBe(2);
    expect(jsonErrorOffset('["\\u12"]')).toBe(2);
    expect(jsonErrorOffset('["\\xABCD"]')).toBe(2);
    expect(jsonErrorOffset('["ab\\')).toBe(4);
  });

  it('stops at a control character inside a string', () => {
    expect(jsonErrorOffset('{"a": "x\ty"}')).toBe(8);
  });

  it('stops at the end of an unterminated string', () => {
    expect(jsonErrorOffset('{"a": "abc')).toBe(10);
  });

  it('stops where an empty container is not closed', () => {
    expect(jsonErrorOffset('{"a": [}')).toBe(7);
    expect(jsonErrorOffset('{]')).toBe(1);
  });

  it('leaves the position unknown when the document is nested too deep to walk', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBeUndefined();
  });
});

describe('Function: describeJsonError', () => {
  function parseError(text: string): unknown {
    try {
      JSON.parse(text);
    } catch (e) {
      return e;
    }
    throw new Error('parsed');
  }

  it('gives the line and column and a reason, never the text', () => {
    const text = `{\n  "token": "${C}",\n  x\n}`;
    const msg = describeJsonError(parseError(text), text);
    expect(msg).not.toContain(C);
    expect(msg).toBe('invalid JSON at line 3, column 3: Expected double-quoted property name');
  });

  it('locates the end of a cut-short document, which JSON.parse does not', () => {
    const text = '{"a": [1, 2';
    expect(describeJsonError(parseError(text), text)).toMatch(/^invalid JSON at line 1, column 12: /);
  });

  it('gives the whole sentence for a cut-short array', () => {
    const text = '[1, 2';
    expect(describeJsonError(parseError(text), text)).toBe(
      "invalid JSON at line 1, column 6: Expected ',' or ']' after array element",
    );
  });

  it('names an unexpected token without quoting the document', () => {
    const text = `{"token": "${C}",\n "a": x}`;
    expect(describeJsonError(parseError(text), text)).toBe('invalid JSON at line 2, column 7: unexpected token');
  });

  it('counts lines and columns from 1', () => {
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('Function: yamlReason', () => {
  it('gives a fixed reason for the codes whose message quotes the document', () => {
    expect(yamlReason({ code: 'TAG_RESOLVE_FAILED', message: `Unresolved tag: !${C}` })).toBe('unresolved tag');
  });

  it('cuts other messages before the input they quote', () => {
    expect(yamlReason({ code: 'BAD_INDENT', message: `All mapping items must start at the same column: ${C}` })).toBe(
      'All mapping items must start at the same column',
    );
  });
});
