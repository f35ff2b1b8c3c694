import { DEFAULTS, withDefaults } from './fixtures';
import { rbacIndex } from './support';

describe('rbacIndex', () => {
  it('builds one index per RBAC facts and exclusion option, shared by every check of a scan', () => {
    const rbac = withDefaults({});
    const excluding = rbacIndex(rbac, { excludeSystemRbac: true });
    const including = rbacIndex(rbac, { excludeSystemRbac: false });
    expect(rbacIndex(rbac, { excludeSystemRbac: true })).toBe(excluding);
    expect(rbacIndex(rbac, { excludeSystemRbac: false })).toBe(including);
    expect(including).not.toBe(excluding);
    expect(including.options.excludeSystemRbac).toBe(false);
    expect(excluding.options.excludeSystemRbac).toBe(true);
    expect(rbacIndex(DEFAULTS, { excludeSystemRbac: true })).not.toBe(excluding);
  });
});
