import { createHash } from 'crypto';
import { EntryRef, EntryRow, forSite, PUBLIC_FIELDS, represent, searchTextOf } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/representation';

const CATALOGUE_KEYS = [
  'documentId',
  'type',
  'typeLabel',
  'indexNumber',
  'slug',
  'title',
  'summary',
  'keywords',
  'organization',
  'category',
  'topics',
  'formedOrChangedAt',
  'releasedOn',
  'releasedAt',
  'version',
].sort();

const VERSION = 'b'.repeat(64);

function row(fields: Partial<EntryRow> & Record<string, unknown> = {}): EntryRow {
  return {
    documentId: 'doc0000000000000000000001',
    indexNumber: '11659004MB0000001X/2025-00001',
    slug: 'guan-yu-yin-fa-gui-hua-de-tong-zhi',
    title: '关于印发规划的通知',
    summary: '规划摘要',
    keywords: '规划',
    formedOrChangedAt: '2025-03-01',
    releasedOn: '2025-03-02',
    publishedAt: '2025-03-02T01:00:00.000Z',
    version: VERSION,
    organization: { documentId: 'org1', name: '第六师五家渠市人民政府', code: 'wjq' },
    category: { documentId: 'cat1', name: '政策文件', code: 'zcwj' },
    topics: [{ documentId: 'top1', name: '城乡建设', code: 'T01' }],
    // Workflow and private fields a loaded row may carry: never public.
    id: 42,
    createdBy: { id: 1, email: 'editor@example.gov.cn' },
    disclosureAttribute: 'proactive',
    reviewNote: '内部意见',
    ...fields,
  } as EntryRow;
}

const policyRow = () =>
  row({
    documentNumber: '师市发〔2025〕3号',
    documentKind: 'normative_document',
    validity: 'valid',
    writtenDate: '2025-02-20',
    effectiveDate: '2025-04-01',
    expiryDate: null,
    normativeRegistrationNumber: 'XJBR-2025-0001',
    issuingOrganizations: [{ documentId: 'org1', name: '第六师五家渠市人民政府', code: 'wjq' }],
    body: '<p>正文</p>',
    attachments: [{ id: 9, name: '规划.pdf', url: '/uploads/gui_hua_abc.pdf', mime: 'application/pdf', size: '123.4', hash: 'gui_hua_abc', provider: 'local' }],
    interpretations: [],
  });

describe('the public representation of an entry', () => {
  it('as a summary has only the catalogue fields', () => {
    const out = represent('policies', '政策文件', policyRow(), 'summary');
    expect(Object.keys(out).sort()).toEqual(CATALOGUE_KEYS);
    expect(out).toMatchObject({
      documentId: 'doc0000000000000000000001',
      type: 'policies',
      typeLabel: '政策文件',
      indexNumber: '11659004MB0000001X/2025-00001',
      title: '关于印发规划的通知',
      organization: { documentId: 'org1', name: '第六师五家渠市人民政府', code: 'wjq' },
      category: { documentId: 'cat1', name: '政策文件', code: 'zcwj' },
      topics: [{ documentId: 'top1', name: '城乡建设', code: 'T01' }],
      version: VERSION,
    });
  });

  it('as a list item adds the type’s list fields (with labels) and nothing else', () => {
    const out = represent('policies', '政策文件', policyRow(), 'item');
    const listFields = PUBLIC_FIELDS.policies.filter((f) => f.inList).map((f) => f.name);
    expect(listFields).toEqual(['documentNumber', 'documentKind', 'validity', 'effectiveDate']);
    expect(Object.keys(out).sort()).toEqual([...CATALOGUE_KEYS, ...listFields, 'documentKindLabel', 'validityLabel', 'interpretations'].sort());
    expect(out).toMatchObject({ documentNumber: '师市发〔2025〕3号', documentKind: 'normative_document', documentKindLabel: '行政规范性文件', validity: 'valid', validityLabel: '有效', effectiveDate: '2025-04-01' });
  });

  it('as a detail has every public field and no private one', () => {
    const out = represent('policies', '政策文件', policyRow(), 'detail');
    const publicFields = PUBLIC_FIELDS.policies.map((f) => f.name);
    expect(Object.keys(out).sort()).toEqual([...CATALOGUE_KEYS, ...publicFields, 'documentKindLabel', 'validityLabel', 'interpretations'].sort());
    for (const key of ['id', 'createdBy', 'disclosureAttribute', 'reviewNote', 'publishedAt']) expect(out).not.toHaveProperty(key);
    expect(out).toMatchObject({
      writtenDate: '2025-02-20',
      expiryDate: null,
      normativeRegistrationNumber: 'XJBR-2025-0001',
      issuingOrganizations: [{ documentId: 'org1', name: '第六师五家渠市人民政府', code: 'wjq' }],
      body: '<p>正文</p>',
      attachments: [{ name: '规划.pdf', url: '/uploads/gui_hua_abc.pdf', mime: 'application/pdf', size: 123.4 }],
      interpretations: [],
    });
  });

  it('gives every type a whitelist of fields, list fields included in details', () => {
    for (const type of ['policies', 'interpretations', 'dual-publicity-records', 'procurement-notices', 'recruitment-notices', 'disclosure-items']) {
      const item = represent(type, type, row(), 'item');
      const detail = represent(type, type, row(), 'detail');
      for (const key of Object.keys(item)) expect(detail).toHaveProperty(key);
      for (const key of ['id', 'createdBy', 'disclosureAttribute', 'reviewNote']) expect(detail).not.toHaveProperty(key);
    }
  });

  it('shows the catalogue only for a type it does not know', () => {
    expect(Object.keys(represent('unknown', '未知', row(), 'detail')).sort()).toEqual(CATALOGUE_KEYS);
  });

  it('labels enum values from the vocabulary, null when absent or unknown', () => {
    const out = represent('procurement-notices', '政府采购', row({ noticeType: 'award_result', method: 'open_tender' }), 'item');
    expect(out).toMatchObject({ noticeType: 'award_result', noticeTypeLabel: '中标(成交)结果公告', method: 'open_tender', methodLabel: '公开招标' });
    const missing = represent('procurement-notices', '政府采购', row({ noticeType: null, method: 'no_such_method' }), 'item');
    expect(missing).toMatchObject({ noticeType: null, noticeTypeLabel: null, method: 'no_such_method', methodLabel: null });
    expect(represent('interpretations', '政策解读', row({ form: 'graphic' }), 'item')).toMatchObject({ form: 'graphic', formLabel: '图解' });
  });

  it('formats dates (形成或变更日期 among them) as YYYY-MM-DD and instants as ISO 8601', () => {
    const out = represent(
      'recruitment-notices',
      '招录招聘',
      row({
        formedOrChangedAt: '2025-03-01',
        publishedAt: new Date('2025-03-02T01:00:00Z'),
        releasedOn: '2025-03-02',
        registrationStart: new Date('2025-03-10T00:00:00Z'),
        registrationEnd: '2025-03-20T09:59:59.000Z',
        examDate: '2025-04-12',
        publicityStart: null,
        positions: [{ id: 1, name: '文秘', headcount: 2, requirements: '本科', secret: 'x' }],
      }),
      'detail'
    );
    expect(out).toMatchObject({
      formedOrChangedAt: '2025-03-01',
      releasedAt: '2025-03-02T01:00:00.000Z',
      releasedOn: '2025-03-02',
      registrationStart: '2025-03-10T00:00:00.000Z',
      registrationEnd: '2025-03-20T09:59:59.000Z',
      examDate: '2025-04-12',
      publicityStart: null,
      publicityEnd: null,
      positions: [{ name: '文秘', headcount: 2, requirements: '本科' }],
    });
    expect(represent('policies', '政策文件', row({ formedOrChangedAt: null, releasedOn: null }), 'summary')).toMatchObject({ formedOrChangedAt: null, releasedOn: null });
  });

  it('gives decimals as numbers and missing lists as empty lists', () => {
    const out = represent('procurement-notices', '政府采购', row({ budgetAmount: '1500000.50', resultAmount: null }), 'detail');
    expect(out).toMatchObject({ budgetAmount: 1500000.5, resultAmount: null, attachments: [] });
    expect(represent('interpretations', '政策解读', row({ qa: [{ id: 1, question: '问', answer: '答' }] }), 'detail')).toMatchObject({ qa: [{ question: '问', answer: '答' }], policy: null });
  });

  it('masks ID and mobile numbers anywhere in the content', () => {
    const out = represent(
      'disclosure-items',
      '其他公开信息',
      row({ title: '关于张某（110105194912310021）的公示', summary: '联系电话13912345678', body: '<p>身份证号11010519491231002X，手机13912345678</p>' }),
      'detail'
    );
    expect(out.title).toBe('关于张某（110105********0021）的公示');
    expect(out.summary).toBe('联系电话139****5678');
    expect(out.body).toBe('<p>身份证号110105********002X，手机139****5678</p>');
  });

  it('masks the titles of cross-referenced entries too', () => {
    const ref = (title: string): EntryRef => ({ documentId: 'x1', type: 'interpretations', title, indexNumber: null, slug: 'x1', _organizationId: 1, _categoryId: 1 });
    const policy = represent('policies', '政策文件', { ...policyRow(), interpretations: [ref('关于13912345678的解读')] }, 'detail');
    expect((policy.interpretations as EntryRef[])[0].title).toBe('关于139****5678的解读');
    const interpretation = represent('interpretations', '政策解读', row({ policy: { ...ref('联系人手机13912345678'), type: 'policies' } }), 'item');
    expect((interpretation.policy as EntryRef).title).toBe('联系人手机139****5678');
  });

  it('searches only the masked public text: no digit of a masked number, ever', () => {
    const out = represent('policies', '政策文件', { ...policyRow(), title: '联系电话13912345678的通知', summary: '身份证号110105194912310021', keywords: '规划 18600001234' }, 'item');
    const text = searchTextOf('policies', out);
    expect(text.split('\n')).toEqual(['联系电话 的通知', '身份证号 ', '规划  ', '11659004MB0000001X/2025-00001', '师市发〔2025〕3号']);
  });

  it('does not mask a version hash that happens to contain 11 digits', () => {
    // A real SHA-256: its hex contains "b18457647322c", an 11-digit run shaped like a mobile number.
    const version = createHash('sha256').update('entry 356').digest('hex');
    expect(version).toMatch(/[a-f]18457647322[a-f]/);
    expect(represent('policies', '政策文件', row({ version }), 'summary').version).toBe(version);
  });
});

describe('双公示 records', () => {
  const record = (fields: Record<string, unknown>) =>
    row({
      kind: 'administrative_penalty',
      decisionNumber: '师市市监罚〔2025〕1号',
      matterName: '未按规定公示信息',
      legalBasis: '《某某条例》第十条',
      decisionContent: '罚款人民币伍仟元',
      penaltyAmount: '5000.00',
      confiscationAmount: null,
      decisionDate: '2025-03-01',
      validFrom: '2025-03-01',
      validUntil: null,
      publicUntil: '2028-03-01',
      decidingOrganization: { documentId: 'org9', name: '市场监督管理局', code: 'scjg' },
      ...fields,
    });

  it('show a natural person by masked name only', () => {
    const subject = { subjectType: 'natural_person', subjectName: '张三丰', legalRepresentative: '张三丰', unifiedSocialCreditCode: '110105194912310021' };
    for (const shape of ['item', 'detail'] as const) {
      const out = represent('dual-publicity-records', '双公示', record(subject), shape);
      expect(out).toMatchObject({ subjectType: 'natural_person', subjectTypeLabel: '自然人', subjectName: '张*丰', legalRepresentative: null, unifiedSocialCreditCode: null });
      expect(JSON.stringify(out)).not.toContain('张三丰');
      expect(JSON.stringify(out)).not.toContain('110105194912310021');
    }
  });

  it('show nothing about the subject in a summary', () => {
    const out = represent('dual-publicity-records', '双公示', record({ subjectType: 'natural_person', subjectName: '张三丰' }), 'summary');
    expect(out).not.toHaveProperty('subjectName');
    expect(out).not.toHaveProperty('legalRepresentative');
  });

  it('show a legal person as recorded', () => {
    const out = represent(
      'dual-publicity-records',
      '双公示',
      record({ subjectType: 'legal_person', subjectName: '五家渠市某某建材有限公司', legalRepresentative: '李四', unifiedSocialCreditCode: '91659004MA77XXXX1K' }),
      'detail'
    );
    expect(out).toMatchObject({
      kind: 'administrative_penalty',
      kindLabel: '行政处罚',
      subjectTypeLabel: '法人',
      subjectName: '五家渠市某某建材有限公司',
      legalRepresentative: '李四',
      unifiedSocialCreditCode: '91659004MA77XXXX1K',
      penaltyAmount: 5000,
      decisionDate: '2025-03-01',
      decidingOrganization: { documentId: 'org9', name: '市场监督管理局', code: 'scjg' },
    });
  });

  it('mask a natural person’s full name wherever the editor wrote it, not only in subjectName', () => {
    const named = record({
      subjectType: 'natural_person',
      subjectName: '张三丰',
      title: '张三丰违规占道经营行政处罚决定',
      summary: '对张三丰作出罚款决定',
      keywords: '张三丰 占道经营',
      matterName: '张三丰占道经营',
      decisionContent: '当事人张三丰于某日占道经营，责令张三丰改正',
      legalBasis: '《某某条例》第十条',
    });
    for (const shape of ['summary', 'item', 'detail'] as const) {
      const out = represent('dual-publicity-records', '双公示', named, shape);
      expect(JSON.stringify(out)).not.toContain('张三丰');
      expect(out.title).toBe('张*丰违规占道经营行政处罚决定');
      expect(out.summary).toBe('对张*丰作出罚款决定');
      expect(out.keywords).toBe('张*丰 占道经营');
    }
    const detail = represent('dual-publicity-records', '双公示', named, 'detail');
    expect(detail).toMatchObject({ matterName: '张*丰占道经营', decisionContent: '当事人张*丰于某日占道经营，责令张*丰改正', subjectName: '张*丰' });
  });

  it('leave a legal person’s name in the text as written', () => {
    const out = represent('dual-publicity-records', '双公示', record({ subjectType: 'legal_person', subjectName: '某某建材有限公司', title: '某某建材有限公司行政处罚决定' }), 'item');
    expect(out.title).toBe('某某建材有限公司行政处罚决定');
  });

  it('give a search text with neither the name nor any part of the masked name', () => {
    const out = represent('dual-publicity-records', '双公示', record({ subjectType: 'natural_person', subjectName: '张三丰', title: '张三丰违规占道经营', summary: '电话13912345678' }), 'item');
    const text = searchTextOf('dual-publicity-records', out);
    expect(text).toContain('违规占道经营');
    for (const part of ['张三', '三丰', '张*丰', '139', '5678', '****']) expect(text).not.toContain(part);
  });

  it('show a legal person’s credit code as recorded even when it looks like an ID number', () => {
    // 913201186005123454 is a well-formed 统一社会信用代码 (check character included) of an
    // organization registered in 320118; digits 7–14 happen to read as a birth date 1860-05-12.
    const out = represent('dual-publicity-records', '双公示', record({ subjectType: 'legal_person', subjectName: '某某公司', unifiedSocialCreditCode: '913201186005123454' }), 'item');
    expect(out.unifiedSocialCreditCode).toBe('913201186005123454');
  });
});

describe('a stored representation as one site sees it', () => {
  const inside = (o: number | null | undefined, c: number | null | undefined) => o === 1 && (c === 10 || c === null);
  const ref = (documentId: string, _organizationId: number | null, _categoryId: number | null): EntryRef => ({ documentId, type: 'interpretations', title: `解读${documentId}`, indexNumber: null, slug: documentId, _organizationId, _categoryId });

  it('keeps only the interpretations in the site’s scope, without the scope bookkeeping', () => {
    const stored = { documentId: 'p1', type: 'policies', interpretations: [ref('i1', 1, 10), ref('i2', 2, 10), ref('i3', 1, 11), ref('i4', 1, null)] };
    expect(forSite(stored, inside)).toEqual({
      documentId: 'p1',
      type: 'policies',
      interpretations: [
        { documentId: 'i1', type: 'interpretations', title: '解读i1', indexNumber: null, slug: 'i1' },
        { documentId: 'i4', type: 'interpretations', title: '解读i4', indexNumber: null, slug: 'i4' },
      ],
    });
  });

  it('keeps an interpretation’s policy only when it is in scope', () => {
    const policy: EntryRef = { documentId: 'p1', type: 'policies', title: '政策', indexNumber: 'X/2025-00001', slug: 'zheng-ce', _organizationId: 1, _categoryId: 10 };
    expect(forSite({ documentId: 'i1', policy }, inside)).toEqual({ documentId: 'i1', policy: { documentId: 'p1', type: 'policies', title: '政策', indexNumber: 'X/2025-00001', slug: 'zheng-ce' } });
    expect(forSite({ documentId: 'i1', policy: { ...policy, _organizationId: 2 } }, inside)).toEqual({ documentId: 'i1', policy: null });
    expect(forSite({ documentId: 'i1', policy: null }, inside)).toEqual({ documentId: 'i1', policy: null });
  });

  it('leaves entries without cross-references as they are', () => {
    const stored = { documentId: 'd1', type: 'disclosure-items', title: '标题' };
    expect(forSite(stored, () => false)).toEqual(stored);
  });

  it('does not change the stored representation shared by all sites', () => {
    const stored = { documentId: 'p1', interpretations: [ref('i1', 1, 10), ref('i2', 2, 10)], policy: { ...ref('p0', 1, 10), type: 'policies' } };
    const copy = JSON.parse(JSON.stringify(stored));
    forSite(stored, () => false);
    forSite(stored, inside);
    expect(stored).toEqual(copy);
  });

  it('works on what represent() produced', () => {
    const out = represent('policies', '政策文件', { ...policyRow(), interpretations: [ref('i1', 1, 10), ref('i2', 2, 10)] }, 'detail');
    const seen = forSite(out, inside);
    expect(seen.interpretations).toEqual([{ documentId: 'i1', type: 'interpretations', title: '解读i1', indexNumber: null, slug: 'i1' }]);
    expect(JSON.stringify(seen)).not.toMatch(/_organizationId|_categoryId/);
  });
});
