import { cleanUntrusted, mergeUntrusted, PROTO_KEY } from './safe-object';

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

  it('keeps constructor and prototype as plain data when only __proto__ is refused', () => {
    const { value } = cleanUntrusted({ labels: { constructor: 'web' } }, PROTO_KEY);
    const labels = (value as { labels: Record<string, unknown> }).labels;
    expect(labels.constructor).toBe('web');
    expect(labels.toString).toBeUndefined();
  });
});
