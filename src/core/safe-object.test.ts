import { parseDocument } from 'yaml';
import { CyclicDataError, cleanUntrusted, mergeUntrusted, PROTO_KEY } from './safe-object';

describe('Function: mergeUntrusted', () => {
  it.each([
    ['__proto__', JSON.parse('{"__proto__":{"rotateCertificates":true}}')],
    ['constructor.prototype', { constructor: { prototype: { rotateCertificates: true } } }],
    ['a nested __proto__', JSON.parse('{"authentication":{"__proto__":{"enabled":true}}}')],
  ])('is not steered by %s', (_name, over) => {
    const merged = mergeUntrusted({ readOnlyPort: 0, authentication: { x: 1 } }, over);
    expect(merged.rotateCertificates).toBeUndefined();
    expect((merged.authentication as Record<string, unknown>).enabled).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBeNull();
    expect(({} as Record<string, unknown>).rotateCertificates).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    ['a mapping by a scalar', { a: { x: 1 }, b: 1 }, { a: 5 }, { a: 5, b: 1 }],
    ['a scalar by a mapping', { a: 'on' }, { a: { x: 1 } }, { a: { x: 1 } }],
    ['nothing by a mapping', { b: 1 }, { a: { x: 1 } }, { b: 1, a: { x: 1 } }],
    ['a mapping by a list', { a: { x: 1 } }, { a: [1] }, { a: [1] }],
  ])('replaces %s', (_name, base, over, merged) => {
    expect(JSON.parse(JSON.stringify(mergeUntrusted(base, over)))).toEqual(merged);
  });

  it('merges nested mappings field by field and replaces lists', () => {
    const merged = mergeUntrusted({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, e: 2 });
    expect(JSON.parse(JSON.stringify(merged))).toEqual({ a: { b: 1, c: [2] }, d: 1, e: 2 });
  });
});

describe('Function: cleanUntrusted', () => {
  it('drops the unsafe keys and says where', () => {
    const { value, dropped } = cleanUntrusted(JSON.parse('{"a":[{"__proto__":{"x":1},"constructor":2,"y":3}]}'));
    expect(dropped).toEqual(['a[0].__proto__', 'a[0].constructor']);
    expect(JSON.parse(JSON.stringify(value))).toEqual({ a: [{ y: 3 }] });
  });

  it('lists the dropped keys in path order, whatever the order of the document', () => {
    const { dropped } = cleanUntrusted({ constructor: 1, b: { prototype: 2 }, a: [{ constructor: 3 }] });
    expect(dropped).toEqual(['a[0].constructor', 'b.prototype', 'constructor']);
  });

  it('keeps constructor and prototype as plain data when only __proto__ is refused', () => {
    const { value } = cleanUntrusted({ labels: { constructor: 'web' } }, PROTO_KEY);
    const labels = (value as { labels: Record<string, unknown> }).labels;
    expect(labels.constructor).toBe('web');
    expect(labels.toString).toBeUndefined();
  });
});

describe('Function: cleanUntrusted (depth)', () => {
  it('copies a document nested 20,000 levels deep without overflowing the stack, dropping a deep __proto__', () => {
    const doc: unknown = JSON.parse(
      `${'{"a":'.repeat(20_000)}{"__proto__":{"polluted":true},"leaf":1}${'}'.repeat(20_000)}`,
    );
    const { value, dropped } = cleanUntrusted(doc);
    let v = value as Record<string, unknown>;
    for (let i = 0; i < 20_000; i++) v = v.a as Record<string, unknown>;
    expect(v.leaf).toBe(1);
    expect(Object.keys(v)).toEqual(['leaf']);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/^a(\.a){19999}\.__proto__$/);
  });

  it('keeps the order of keys and of array items', () => {
    const { value } = cleanUntrusted({ z: 1, a: [3, { y: 2, b: 1 }], m: null });
    expect(JSON.stringify(value)).toBe('{"z":1,"a":[3,{"y":2,"b":1}],"m":null}');
  });
});

describe('Function: cleanUntrusted (data that contains itself)', () => {
  it('refuses a mapping, a list or a deeper node that contains itself, as YAML aliases can build them', () => {
    const mapping: Record<string, unknown> = { a: 1 };
    mapping.self = mapping;
    const list: unknown[] = [1];
    list.push(list);
    const deep: Record<string, unknown> = { spec: { template: { spec: {} } } };
    ((deep.spec as Record<string, unknown>).template as Record<string, unknown>).spec = { back: deep };
    for (const cyclic of [mapping, list, deep, { wrapper: [mapping] }]) {
      expect(() => cleanUntrusted(cyclic)).toThrow(CyclicDataError);
    }
    expect(() => cleanUntrusted(mapping)).toThrow('an alias refers to a node that contains it');
    // Named as itself in logs and error reports ("CyclicDataError: …"), not as a bare Error.
    expect(() => cleanUntrusted(mapping)).toThrow(expect.objectContaining({ name: 'CyclicDataError' }));
    const yaml = parseDocument('a: &x { b: *x }\n').toJS();
    expect(() => cleanUntrusted(yaml)).toThrow(CyclicDataError);
  });

  it('copies a node shared without a cycle at each place it is used, as separate copies', () => {
    const shared = { port: 80 };
    const list = [1, 2];
    const { value } = cleanUntrusted({ a: shared, b: { c: shared }, d: [list, list] });
    expect(JSON.parse(JSON.stringify(value))).toEqual({
      a: { port: 80 },
      b: { c: { port: 80 } },
      d: [
        [1, 2],
        [1, 2],
      ],
    });
    const v = value as { a: unknown; b: { c: unknown }; d: unknown[] };
    expect(v.a).not.toBe(v.b.c);
    expect(v.d[0]).not.toBe(v.d[1]);
    const yaml = parseDocument('base: &b { x: 1 }\none: *b\ntwo: { nested: *b }\n').toJS();
    expect(JSON.parse(JSON.stringify(cleanUntrusted(yaml).value))).toEqual({
      base: { x: 1 },
      one: { x: 1 },
      two: { nested: { x: 1 } },
    });
  });
});
