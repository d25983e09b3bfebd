import { blocksText, diffSnapshots, FieldSpec, snapshotOf, textDiff } from '../../../../../src/plugins/disclosure/server/src/domain/entry-diff';

const fields: FieldSpec[] = [
  { name: 'title', type: 'string', label: '名称', labelEn: 'Title' },
  { name: 'documentNumber', type: 'string', label: '文号', labelEn: 'Document number' },
  { name: 'summary', type: 'text', label: '内容概述', labelEn: 'Summary' },
  { name: 'body', type: 'richtext', label: '正文', labelEn: 'Body' },
  { name: 'publishingOrganization', type: 'relation', label: '发布机构', labelEn: 'Publishing organization' },
  { name: 'topics', type: 'relation', label: '主题分类', labelEn: 'Topics', many: true },
  { name: 'attachments', type: 'media', label: '附件', labelEn: 'Attachments', many: true },
  { name: 'pinned', type: 'boolean', label: '置顶', labelEn: 'Pinned' },
];

const file = (id: number, name: string, sha256 = 'a'.repeat(64)) => ({ id, documentId: `f${id}`, name, hash: `h${id}`, sha256, mime: 'application/pdf', size: 1.5, url: `/uploads/h${id}.pdf`, createdAt: '2026-01-01T00:00:00.000Z' });
const topic = (documentId: string, name: string) => ({ id: 99, documentId, name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' });

/** An entry as the document service loads it (populate '*'), with the bookkeeping a diff must ignore. */
const entry = (over: Record<string, unknown> = {}) => ({
  id: 10,
  documentId: 'doc-1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  publishedAt: null,
  title: '关于开展统计执法检查的通知',
  documentNumber: '统字〔2026〕1号',
  summary: null,
  body: '各单位：现将有关事项通知如下。',
  publishingOrganization: { id: 3, documentId: 'org-1', name: '统计局' },
  topics: [topic('t-1', '统计'), topic('t-2', '执法')],
  attachments: [file(1, '方案.pdf')],
  pinned: false,
  ...over,
});

const diff = (a: Record<string, unknown>, b: Record<string, unknown>) => diffSnapshots(fields, snapshotOf(fields, a), snapshotOf(fields, b));

describe('snapshotOf', () => {
  it('keeps the content fields only: relations as {documentId, label}, files by what they are, no ids or timestamps', () => {
    expect(snapshotOf(fields, entry())).toEqual({
      title: '关于开展统计执法检查的通知',
      documentNumber: '统字〔2026〕1号',
      summary: null,
      body: '各单位：现将有关事项通知如下。',
      publishingOrganization: { documentId: 'org-1', label: '统计局' },
      topics: [
        { documentId: 't-1', label: '统计' },
        { documentId: 't-2', label: '执法' },
      ],
      attachments: [{ id: 1, name: '方案.pdf', hash: 'h1', sha256: 'a'.repeat(64), mime: 'application/pdf', size: 1.5, url: '/uploads/h1.pdf' }],
      pinned: false,
    });
  });
});

describe('diffSnapshots', () => {
  it('finds nothing between two loads of the same content, whatever the timestamps, ids and relation order', () => {
    const again = entry({ id: 11, updatedAt: '2026-03-01T00:00:00.000Z', publishedAt: '2026-03-01T00:00:00.000Z', topics: [topic('t-2', '执法'), topic('t-1', '统计')] });
    expect(diff(entry(), again)).toEqual([]);
  });

  it('reports exactly the fields that changed, in the content type’s order, with their labels and kinds', () => {
    const changes = diff(entry(), entry({ documentNumber: '统字〔2026〕2号', summary: '检查安排', body: null }));
    expect(changes.map((c) => [c.field, c.label, c.kind])).toEqual([
      ['documentNumber', '文号', 'changed'],
      ['summary', '内容概述', 'added'],
      ['body', '正文', 'removed'],
    ]);
    expect(changes[0]).toMatchObject({ before: '统字〔2026〕1号', after: '统字〔2026〕2号', beforeText: '统字〔2026〕1号', afterText: '统字〔2026〕2号', labelEn: 'Document number' });
    expect(changes[1]).toMatchObject({ beforeText: '（空）', afterText: '检查安排', hunks: [{ added: true, value: '检查安排' }] });
  });

  it('compares relations by documentId: a renamed organization is not a change, another one is', () => {
    expect(diff(entry(), entry({ publishingOrganization: { id: 3, documentId: 'org-1', name: '统计局（新名称）' } }))).toEqual([]);
    const [change] = diff(entry(), entry({ publishingOrganization: { id: 4, documentId: 'org-2', name: '财政局' } }));
    expect(change).toMatchObject({ field: 'publishingOrganization', kind: 'changed', beforeText: '统计局', afterText: '财政局' });
  });

  it('names the related entries added and removed from a to-many relation', () => {
    const [change] = diff(entry(), entry({ topics: [topic('t-2', '执法'), topic('t-3', '督查')] }));
    expect(change).toMatchObject({ field: 'topics', kind: 'changed', addedItems: ['督查'], removedItems: ['统计'], afterText: '执法、督查' });
  });

  it('compares files by file: another upload with the same name, or the same upload with other bytes, is a change', () => {
    expect(diff(entry(), entry({ attachments: [file(1, '方案.pdf')] }))).toEqual([]);
    expect(diff(entry(), entry({ attachments: [file(2, '方案.pdf')] }))).toEqual([expect.objectContaining({ field: 'attachments', kind: 'changed' })]);
    expect(diff(entry(), entry({ attachments: [file(1, '方案.pdf', 'b'.repeat(64))] }))).toHaveLength(1);
    const [removed] = diff(entry(), entry({ attachments: [] }));
    expect(removed).toMatchObject({ kind: 'removed', removedItems: ['方案.pdf'], addedItems: [], afterText: '（空）' });
  });

  it('shows a boolean as 是/否', () => {
    expect(diff(entry(), entry({ pinned: true }))[0]).toMatchObject({ kind: 'changed', beforeText: '否', afterText: '是' });
  });

  it('gives the body as hunks that rebuild both versions', () => {
    const before = '各单位：现将有关事项通知如下。请于三月底前报送。';
    const after = '各单位：现将有关事项补充通知如下。请于四月底前报送。';
    const [change] = diff(entry({ body: before }), entry({ body: after }));
    expect(change.field).toBe('body');
    const hunks = change.hunks!;
    expect(hunks.filter((h) => !h.added).map((h) => h.value).join('')).toBe(before);
    expect(hunks.filter((h) => !h.removed).map((h) => h.value).join('')).toBe(after);
    expect(hunks.filter((h) => h.added).map((h) => h.value)).toEqual(['补充', '四']);
    expect(hunks.filter((h) => h.removed).map((h) => h.value)).toEqual(['三']);
  });
});

describe('textDiff', () => {
  it('compares Chinese character by character, so one changed character is not a whole changed sentence', () => {
    expect(textDiff('自2026年1月1日起施行', '自2026年3月1日起施行')).toEqual([{ value: '自2026年' }, { removed: true, value: '1' }, { added: true, value: '3' }, { value: '月1日起施行' }]);
  });

  it('compares text without Chinese word by word, keeping the spaces', () => {
    expect(textDiff('the quick brown fox', 'the slow brown fox')).toEqual([{ value: 'the ' }, { removed: true, value: 'quick' }, { added: true, value: 'slow' }, { value: ' brown fox' }]);
  });
});

describe('blocksText', () => {
  it('reads blocks as one line per paragraph, heading and list item', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: '一、总体要求' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '坚持' }, { type: 'text', text: '依法公开', bold: true }] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '甲' }] }, { type: 'list-item', children: [{ type: 'text', text: '乙' }] }] },
    ];
    expect(blocksText(blocks)).toBe('一、总体要求\n坚持依法公开\n甲\n乙');
  });
});
