import { MemoryMarkerStore } from './markers';
import { RunObjects, refOf, runObjectKey } from './run-parts';

describe('Function: runObjectKey', () => {
  it('names an item by a hash of its ID and a readable form, under the run tag, and refuses anything else', () => {
    const a = runObjectKey('r0123abcd', 'parts', 'night/hosts/workers#1/4');
    expect(a).toMatch(/^runs\/r0123abcd\/parts\/[0-9a-f]{8}-night-hosts-workers-1-4$/);
    expect(runObjectKey('r0123abcd', 'parts', 'night/hosts/workers#1/4')).toBe(a);
    // IDs that read alike stay apart.
    expect(runObjectKey('r0123abcd', 'parts', 'night/hosts/workers/1/4')).not.toBe(a);
    expect(runObjectKey('r0123abcd', 'members', '../..')).toMatch(/^runs\/r0123abcd\/members\/[0-9a-f]{8}$/);
    expect(() => runObjectKey('../x', 'parts', 'a')).toThrow(/invalid run tag/);
    expect(() => runObjectKey('r0123abcd', 'other' as 'parts', 'a')).toThrow(/invalid run object kind/);
    expect(() => runObjectKey('r0123abcd', 'parts', '')).toThrow(/needs an item ID/);
  });
});

describe('Class: RunObjects', () => {
  it('writes once, replaces only its own key with other content, and reads back only what was written', async () => {
    const markers = new MemoryMarkerStore();
    const objects = new RunObjects(markers);
    const key = runObjectKey('r0123abcd', 'parts', 'g#0/2');
    const ref = await objects.put(key, '{"a":1}');
    expect(ref).toEqual(refOf(key, '{"a":1}'));
    expect(ref.bytes).toBe(7);
    expect(await objects.put(key, '{"a":1}')).toEqual(ref);
    expect(await objects.read(ref, key)).toEqual({ ok: true, body: '{"a":1}' });
    const other = await objects.put(key, '{"a":2}');
    expect(await objects.read(ref, key)).toEqual({ ok: false, reason: expect.stringMatching(/not what was written/) });
    expect(await objects.read(other, key)).toEqual({ ok: true, body: '{"a":2}' });
    expect(await objects.existing(key)).toEqual({ ref: other, body: '{"a":2}' });
    expect(await objects.read(other, 'runs/r0123abcd/parts/x')).toMatchObject({ reason: /its reference names/ });
    expect(await objects.read({ key }, key)).toEqual({ ok: false, reason: 'its reference is malformed' });
    await markers.remove(key);
    expect(await objects.read(other, key)).toEqual({ ok: false, reason: `${key} is missing` });
    expect(await objects.existing(key)).toBeNull();
    const failing = new RunObjects(
      Object.assign(new MemoryMarkerStore(), { get: () => Promise.reject(new Error('SlowDown')) }),
    );
    expect(await failing.read(other, key)).toEqual({ ok: false, reason: `${key} could not be read: SlowDown` });
  });
});
