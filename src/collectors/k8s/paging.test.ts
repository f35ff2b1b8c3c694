import { IncompleteListError, ListPaging } from './paging';

const page = (paging: ListPaging, ids: string[], metadata: unknown) => () => paging.next(ids, metadata);

describe('Class: ListPaging', () => {
  it.each([-1, 1.5, '3', Number.NaN])('fails a page announcing remainingItemCount %p', (count) => {
    const paging = new ListPaging();
    expect(page(paging, ['a'], { continue: 't1', remainingItemCount: count })).toThrow(
      new IncompleteListError('page 1 announced an invalid remainingItemCount'),
    );
  });

  it('counts from the first page that announces a remainder, and names it', () => {
    const paging = new ListPaging();
    expect(paging.next(['a'], { continue: 't1' })).toBe('t1');
    expect(paging.next(['b'], { continue: 't2', remainingItemCount: 2 })).toBe('t2');
    expect(page(paging, ['c'], {})).toThrow('page 2 announced 4 items in all, 3 arrived');
  });

  it('ends a list without counts on its last page, items sent twice included (they are kept once)', () => {
    const paging = new ListPaging();
    expect(paging.next(['a', 'b'], { continue: 't1' })).toBe('t1');
    expect(paging.next(['b'], {})).toBeUndefined();
  });

  it('begins again from nothing after restart(): earlier tokens and counts no longer apply', () => {
    const paging = new ListPaging();
    expect(paging.next(['a', 'b'], { continue: 't1', remainingItemCount: 1 })).toBe('t1');
    paging.restart();
    expect(paging.next(['a', 'b'], { continue: 't1', remainingItemCount: 2 })).toBe('t1');
    expect(paging.next(['c', 'd'], {})).toBeUndefined();
  });
});
