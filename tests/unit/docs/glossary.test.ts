import fs from 'fs';
import path from 'path';
import { catalogAttributes } from '../../../src/plugins/disclosure/server/src/content-types/catalog-attributes';
import calendarDay from '../../../src/plugins/disclosure/server/src/content-types/calendar-day';
import consumerSite from '../../../src/plugins/disclosure/server/src/content-types/consumer-site';
import sensitiveTerm from '../../../src/plugins/disclosure/server/src/content-types/sensitive-term';
import { VOCABULARY } from '../../../src/plugins/disclosure/server/src/domain/vocabulary';
import { ACTIONS, DEFAULT_STAGES, STATES } from '../../../src/plugins/disclosure/server/src/domain/workflow';

const root = path.join(__dirname, '..', '..', '..');
const glossary = fs.readFileSync(path.join(root, 'docs', 'glossary.md'), 'utf8');

const schemaFiles = [
  ...fs.readdirSync(path.join(root, 'src', 'api')).map((api) => path.join(root, 'src', 'api', api, 'content-types', api, 'schema.json')),
  ...fs.readdirSync(path.join(root, 'src', 'components', 'disclosure')).map((f) => path.join(root, 'src', 'components', 'disclosure', f)),
];
const schemas = [
  ...schemaFiles.map((file) => ({ file: path.relative(root, file), schema: JSON.parse(fs.readFileSync(file, 'utf8')) })),
  { file: 'plugin::disclosure.sensitive-term', schema: sensitiveTerm.schema as any },
  { file: 'plugin::disclosure.calendar-day', schema: calendarDay.schema as any },
  { file: 'plugin::disclosure.consumer-site', schema: consumerSite.schema as any },
];
const attributeSets = [...schemas.map(({ file, schema }) => ({ file, attributes: schema.attributes })), { file: 'catalog-attributes.ts', attributes: catalogAttributes as any }];

describe('every content type and field has its Chinese name, in the schema and in docs/glossary.md', () => {
  it.each(schemas.map(({ file, schema }) => [file, schema]))('%s', (_file, schema: any) => {
    expect(schema.info.displayName).toMatch(/[\u4e00-\u9fff]/);
    expect(glossary).toContain(schema.info.displayName);
  });

  it.each(attributeSets.map(({ file, attributes }) => [file, attributes]))('fields of %s', (_file, attributes: any) => {
    for (const [name, attribute] of Object.entries<any>(attributes)) {
      const label = attribute.pluginOptions?.disclosure;
      expect({ name, zh: label?.label, en: label?.labelEn }).toEqual({ name, zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.any(String) });
      expect(glossary).toContain(`| ${label.label} | \`${name}\` | ${label.labelEn} |`);
    }
  });

  it('every enumeration value has a Chinese and an English term, listed in the glossary', () => {
    const values = attributeSets.flatMap(({ attributes }) => Object.values<any>(attributes).filter((a) => a.type === 'enumeration').flatMap((a) => a.enum));
    expect(values.length).toBeGreaterThan(40);
    for (const value of new Set(values)) {
      expect({ value, term: VOCABULARY[value] }).toEqual({ value, term: { zh: expect.any(String), en: expect.any(String) } });
      expect(glossary).toContain(`| ${VOCABULARY[value].zh} | \`${value}\` |`);
    }
  });
});

describe('the workflow vocabulary is in the glossary', () => {
  it('every state, action and default stage', () => {
    for (const id of [...STATES, ...ACTIONS, ...DEFAULT_STAGES.map((s) => s.key)]) expect(glossary).toContain(`\`${id}\``);
  });
});
