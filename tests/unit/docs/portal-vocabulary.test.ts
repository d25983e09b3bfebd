import fs from 'fs';
import path from 'path';
import { catalogAttributes } from '../../../src/plugins/disclosure/server/src/content-types/catalog-attributes';

/**
 * One vocabulary: every field the reference portal labels carries the admin's label for that field (the 条例's terms,
 * e.g. 形成或变更日期, never a portal-only 生成日期).
 */
const root = path.join(__dirname, '..', '..', '..');
const portal = fs.readFileSync(path.join(root, 'public', 'portal', 'portal.js'), 'utf8');

const adminLabels = new Map<string, Set<string>>();
const addLabels = (attributes: Record<string, any>) => {
  for (const [name, attribute] of Object.entries(attributes)) {
    const label = attribute?.pluginOptions?.disclosure?.label;
    if (label) adminLabels.set(name, new Set([...(adminLabels.get(name) ?? []), label]));
  }
};
addLabels(catalogAttributes as Record<string, any>);
for (const api of fs.readdirSync(path.join(root, 'src', 'api'))) {
  addLabels(JSON.parse(fs.readFileSync(path.join(root, 'src', 'api', api, 'content-types', api, 'schema.json'), 'utf8')).attributes);
}

// Type fields: date('writtenDate', '成文日期'); catalogue rows: ['形成或变更日期', entry.formedOrChangedAt …, 'formedOrChangedAt'].
const portalLabels = [
  ...[...portal.matchAll(/(?:orgs|date|datetime|text|money|enumeration)\('(\w+)', '([^']+)'\)/g)].map((m) => [m[1], m[2]]),
  ...[...portal.matchAll(/\['([^']+)', entry\.[^\n]*, '(\w+)'\],?\n/g)].map((m) => [m[2], m[1]]),
].filter(([field]) => adminLabels.has(field));

describe('the portal speaks the admin\'s vocabulary', () => {
  it('finds the labelled fields in portal.js', () => {
    expect(portalLabels.map(([field]) => field)).toEqual(expect.arrayContaining(['formedOrChangedAt', 'releasedOn', 'indexNumber', 'writtenDate']));
  });

  it.each(portalLabels)('%s is labelled %s, as in the admin', (field, label) => {
    expect([...adminLabels.get(field)!]).toContain(label);
  });

  it('never says 生成日期', () => {
    expect(portal).not.toContain('生成日期');
  });
});
