import { listFlag } from './apiserver';

describe('Function: listFlag', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['Node,RBAC', ['Node', 'RBAC']],
    ['Node, RBAC ', ['Node', 'RBAC']],
    ['Node,,RBAC,', ['Node', 'RBAC']],
    [' , ', []],
  ])('reads %j as %j (items trimmed, empty items dropped, an absent flag as no item)', (flag, items) => {
    expect(listFlag(flag)).toEqual(items);
  });
});
