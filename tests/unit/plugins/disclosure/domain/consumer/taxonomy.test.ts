import { changedFields, taxonomyVisibility } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/taxonomy';

describe('changedFields', () => {
  it('names the representation fields that changed, documentId aside', () => {
    const before = { documentId: 'a', name: '统计局', code: 'TJJ', parent: 'p1', sortOrder: 0 };
    expect(changedFields(before, { ...before, name: '统计信息中心' })).toEqual(['name']);
    expect(changedFields(before, { ...before, parent: 'p2' })).toEqual(['parent']);
    expect(changedFields(before, { ...before, name: '新', parent: null })).toEqual(['name', 'parent']);
    expect(changedFields(before, { ...before })).toEqual([]);
    // A field that went from absent to null is no change.
    expect(changedFields({ documentId: 'a', name: 'x' }, { documentId: 'a', name: 'x', code: null })).toEqual([]);
  });
});

describe('taxonomyVisibility', () => {
  const scope = { organizationIds: [1, 2, 3], categoryIds: [10, 11] };
  const open = { organizationIds: [1], categoryIds: null };
  const row = (over: Partial<Parameters<typeof taxonomyVisibility>[1]>) => ({ event: 'taxonomy.updated' as const, taxonomy: 'organizations' as const, nodeId: 9, previousParentId: null, ...over });

  it('shows topics and deletions to every site', () => {
    expect(taxonomyVisibility(scope, row({ taxonomy: 'topics', nodeId: null }))).toBe('visible');
    expect(taxonomyVisibility(scope, row({ event: 'taxonomy.deleted', nodeId: null }))).toBe('visible');
  });

  it('shows an organization or category in the site’s scope; every category to a site that reads all', () => {
    expect(taxonomyVisibility(scope, row({ nodeId: 2 }))).toBe('visible');
    expect(taxonomyVisibility(scope, row({ nodeId: 9, event: 'taxonomy.created' }))).toBe('hidden');
    expect(taxonomyVisibility(scope, row({ taxonomy: 'categories', nodeId: 11 }))).toBe('visible');
    expect(taxonomyVisibility(scope, row({ taxonomy: 'categories', nodeId: 12 }))).toBe('hidden');
    expect(taxonomyVisibility(open, row({ taxonomy: 'categories', nodeId: 12 }))).toBe('visible');
  });

  it('reads a node moved out of the scope as having left it', () => {
    expect(taxonomyVisibility(scope, row({ nodeId: 9, previousParentId: 3 }))).toBe('left_scope');
    expect(taxonomyVisibility(scope, row({ nodeId: 9, previousParentId: 8 }))).toBe('hidden');
    expect(taxonomyVisibility(scope, row({ taxonomy: 'categories', nodeId: 12, previousParentId: 10 }))).toBe('left_scope');
  });
});
