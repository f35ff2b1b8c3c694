import { createLogger } from '../aws/logger';
import { parseConfig } from '../config/load';
import { shardOf } from '../core/shard';
import { MemoryMarkerStore } from '../store/markers';
import { RunObjects } from '../store/run-parts';
import { decodeMembers, encodeMembers, handMembers, membersKey, readMembers, sizeGroups } from './members';
import { planRun } from './plan';

const config = parseConfig(`
scope: x
hostGroups:
  - { name: tagged, ssm: { tags: { role: [w] } } }
  - { name: broken, ssm: { tags: { role: [b] } } }
  - { name: listed, ssm: { instanceIds: [i-0123456789abcdef0, i-0123456789abcdef1, i-0123456789abcdef2] } }
  - { name: here, local: true }
`);
const ids = Array.from({ length: 9 }, (_, i) => `i-0${(0xabc000 + i).toString(16)}000000000`);
const TAG = 'r0000abcd';

describe('Function: sizeGroups', () => {
  it('lists a tagged group once, counts configured IDs, and falls back to the last snapshot when a lookup fails', async () => {
    const asked: string[] = [];
    const warnings: unknown[] = [];
    const log = createLogger({}, (line) => warnings.push(JSON.parse(line)));
    const out = await sizeGroups(
      config.hostGroups,
      async (g) => {
        asked.push(g.name);
        if (g.name === 'broken') throw new Error('AccessDeniedException: not authorized');
        return ids;
      },
      async (g) => (g.name === 'broken' ? 700 : undefined),
      log,
    );
    expect(asked).toEqual(['tagged', 'broken']);
    expect(out.sizes).toEqual({ tagged: 9, broken: 700, listed: 3 });
    expect([...out.members.keys()]).toEqual(['tagged']);
    expect(JSON.stringify(warnings)).toContain('host group not listed');
  });
});

describe('Functions: handMembers, readMembers', () => {
  it("writes each shard's own nodes once and hands on a reference; a shard reads back exactly its nodes", async () => {
    const objects = new RunObjects(new MemoryMarkerStore());
    const plan = planRun(config, { groupSizes: { tagged: 9 }, hostsPerShard: 4 });
    const items = await handMembers(plan, new Map([['tagged', ids]]), objects, TAG);
    const shards = items.filter((i) => i.target.name === 'tagged');
    expect(shards).toHaveLength(4);
    const read: string[] = [];
    for (const item of shards) {
      expect(JSON.stringify(item.members).length).toBeLessThan(250);
      const mine = await readMembers(objects, item, TAG);
      expect(mine).toEqual(ids.filter((id) => shardOf(id, 4) === item.shard!.index));
      read.push(...mine);
    }
    expect(read.sort()).toEqual([...ids].sort());
    expect(items.filter((i) => i.target.name !== 'tagged').every((i) => i.members === undefined)).toBe(true);
  });

  it('refuses members that are missing, altered or not instance IDs, with the reason', async () => {
    const markers = new MemoryMarkerStore();
    const objects = new RunObjects(markers);
    const plan = planRun(config, { groupSizes: { tagged: 9 }, hostsPerShard: 4 });
    const [item] = await handMembers(plan, new Map([['tagged', ids]]), objects, TAG);
    markers.markers.set(membersKey(TAG, item!), encodeMembers(item!.id, ['i-0fff0000000000001']));
    await expect(readMembers(objects, item!, TAG)).rejects.toThrow(
      /members of x\/hosts\/tagged#0\/4 could not be read: .*not what was written/,
    );
    await markers.remove(membersKey(TAG, item!));
    await expect(readMembers(objects, item!, TAG)).rejects.toThrow(/is missing/);
    expect(() => decodeMembers(encodeMembers('a', ['i-0abc; rm -rf /']), 'a')).toThrow(/malformed/);
    expect(() => decodeMembers(encodeMembers('a', ids), 'b')).toThrow(/another item/);
  });
});
