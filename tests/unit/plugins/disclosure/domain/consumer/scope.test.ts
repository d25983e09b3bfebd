import { feedVisibility, inScope, scopeOf, subtreeIds, TreeNode } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/scope';

// 1 师市政府
// ├─ 2 发改委
// │  └─ 4 价格科
// └─ 3 教育局
//    └─ 5 一中
//       └─ 6 一中分校
// 7 another root
const organizations: TreeNode[] = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 1 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 3 },
  { id: 6, parentId: 5 },
  { id: 7, parentId: null },
];

// 10 政策文件 ─ 11 规范性文件 ─ 12 (deeper); 20 财政信息
const categories: TreeNode[] = [
  { id: 10, parentId: null },
  { id: 11, parentId: 10 },
  { id: 12, parentId: 11 },
  { id: 20, parentId: null },
];

describe('subtrees', () => {
  it('contain the roots and everything below them, sorted', () => {
    expect(subtreeIds(organizations, [1])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(subtreeIds(organizations, [3])).toEqual([3, 5, 6]);
    expect(subtreeIds(organizations, [6])).toEqual([6]);
    expect(subtreeIds(organizations, [4, 5])).toEqual([4, 5, 6]);
    expect(subtreeIds(organizations, [7, 2])).toEqual([2, 4, 7]);
  });

  it('count overlapping roots once', () => {
    expect(subtreeIds(organizations, [1, 3, 6])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('are empty without roots', () => {
    expect(subtreeIds(organizations, [])).toEqual([]);
  });

  it('tolerate cycles in bad data', () => {
    const cyclic: TreeNode[] = [
      { id: 1, parentId: 3 },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 3 },
      { id: 5, parentId: 5 },
    ];
    expect(subtreeIds(cyclic, [2])).toEqual([1, 2, 3, 4]);
    expect(subtreeIds(cyclic, [5])).toEqual([5]);
  });
});

describe('a site scope', () => {
  it('covers its organizations with their subtrees and, when it names none, every category', () => {
    expect(scopeOf(organizations, categories, { organizationIds: [3], categoryIds: [] })).toEqual({ organizationIds: [3, 5, 6], categoryIds: null });
  });

  it('covers no category at all when it is restricted to categories of which none is left (fail closed)', () => {
    const scope = scopeOf(organizations, categories, { organizationIds: [1], categoryIds: [], categoryRestricted: true });
    expect(scope).toEqual({ organizationIds: [1, 2, 3, 4, 5, 6], categoryIds: [] });
    expect(inScope(scope, 2, 10)).toBe(false);
    expect(inScope(scope, 2, null)).toBe(false);
  });

  it('is restricted by its categories even before the restriction is recorded', () => {
    expect(scopeOf(organizations, categories, { organizationIds: [1], categoryIds: [20], categoryRestricted: false }).categoryIds).toEqual([20]);
  });

  it('covers only the named categories and their subcategories when it names some', () => {
    expect(scopeOf(organizations, categories, { organizationIds: [1], categoryIds: [11, 20] })).toEqual({ organizationIds: [1, 2, 3, 4, 5, 6], categoryIds: [11, 12, 20] });
  });

  it('admits entries of its organizations, in any category when it names none', () => {
    const scope = scopeOf(organizations, categories, { organizationIds: [3], categoryIds: [] });
    expect(inScope(scope, 5, 10)).toBe(true);
    expect(inScope(scope, 6, null)).toBe(true);
    expect(inScope(scope, 2, 10)).toBe(false);
    expect(inScope(scope, 1, 10)).toBe(false);
    expect(inScope(scope, null, 10)).toBe(false);
    expect(inScope(scope, undefined, 10)).toBe(false);
  });

  it('admits only entries in its categories when it names some', () => {
    const scope = scopeOf(organizations, categories, { organizationIds: [1], categoryIds: [11] });
    expect(inScope(scope, 4, 11)).toBe(true);
    expect(inScope(scope, 4, 12)).toBe(true);
    expect(inScope(scope, 4, 10)).toBe(false);
    expect(inScope(scope, 4, 20)).toBe(false);
    expect(inScope(scope, 4, null)).toBe(false);
    expect(inScope(scope, 4, undefined)).toBe(false);
    expect(inScope(scope, 7, 11)).toBe(false);
  });

  it('with no organizations admits nothing', () => {
    const scope = scopeOf(organizations, categories, { organizationIds: [], categoryIds: [] });
    expect(inScope(scope, 1, 10)).toBe(false);
  });
});

describe('feed visibility', () => {
  const scope = scopeOf(organizations, categories, { organizationIds: [3], categoryIds: [10] });
  const event = (organizationId: number | null, categoryId: number | null, previousOrganizationId: number | null, previousCategoryId: number | null) => ({
    organizationId,
    categoryId,
    previousOrganizationId,
    previousCategoryId,
  });

  it('shows events of entries in scope', () => {
    expect(feedVisibility(scope, event(5, 11, null, null))).toBe('visible');
    expect(feedVisibility(scope, event(5, 11, 5, 11))).toBe('visible');
    // Moved into scope from elsewhere: the site sees it as new.
    expect(feedVisibility(scope, event(5, 12, 2, 20))).toBe('visible');
  });

  it('tells a site to delete an entry that left its scope', () => {
    expect(feedVisibility(scope, event(2, 11, 5, 11))).toBe('left_scope');
    expect(feedVisibility(scope, event(5, 20, 5, 11))).toBe('left_scope');
    expect(feedVisibility(scope, event(null, null, 6, 10))).toBe('left_scope');
  });

  it('hides events of entries that were never in scope', () => {
    expect(feedVisibility(scope, event(2, 11, null, null))).toBe('hidden');
    expect(feedVisibility(scope, event(2, 11, 2, 11))).toBe('hidden');
    expect(feedVisibility(scope, event(5, 20, 7, 10))).toBe('hidden');
  });
});
