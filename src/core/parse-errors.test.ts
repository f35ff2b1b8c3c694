import { describeJsonError, jsonErrorOffset, parserReason, positionOf, yamlReason } from './parse-errors';

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
});

describe('Function: jsonErrorOffset', () => {
  it('locates a JSON error by line and column', () => {
    expect(jsonErrorOffset('{"a": 1,\n "b" 2}')).toBe(14);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": "\\q"}')).toBe(7);
    expect(jsonErrorOffset('{"a": [true, nul]}')).toBe(13);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
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
