import {
  cellText,
  columnOf,
  csvLine,
  csvRecords,
  exportCell,
  mapHeaders,
  parseRow,
  rowKey,
  TableField,
} from '../../../../../src/plugins/disclosure/server/src/domain/catalog-table';

const FIELDS: TableField[] = [
  { name: 'title', label: '名称', labelEn: 'Title', kind: 'string', maxLength: 10, required: true },
  { name: 'indexNumber', label: '索引号', labelEn: 'Index number', kind: 'string', computed: true },
  { name: 'documentNumber', label: '文号', labelEn: 'Document number', kind: 'string', maxLength: 100 },
  { name: 'writtenDate', label: '成文日期', kind: 'date' },
  { name: 'validity', label: '有效性', kind: 'enum', enumValues: ['valid', 'expired'], default: 'valid' },
  { name: 'publishingOrganization', label: '发布机构', kind: 'relation', target: 'api::organization.organization' },
  { name: 'topics', label: '主题分类', kind: 'relation', target: 'api::topic.topic', multiple: true },
  { name: 'budgetAmount', label: '预算金额', kind: 'decimal' },
  { name: 'dueDate', label: '公开期限', kind: 'date', computed: true },
];

describe('header mapping', () => {
  it('takes Chinese labels, English labels and field names, ignoring spaces and case', () => {
    const map = mapHeaders(['名称', 'document number', 'writtenDate', ' 有效性 ', '公开期限'], FIELDS);
    expect(map.columns.map((c) => c?.name)).toEqual(['title', 'documentNumber', 'writtenDate', 'validity', 'dueDate']);
    expect(map.headerOf).toMatchObject({ title: '名称', documentNumber: 'document number', validity: '有效性' });
    expect(map.problems).toEqual([]);
  });

  it('reports unknown and repeated headers on row 1, and a missing 名称 column', () => {
    expect(mapHeaders(['文号', '备注', 'Document number'], FIELDS).problems).toEqual([
      { row: 1, column: '备注', reason: '无法识别的列“备注”', code: 'UNKNOWN_COLUMN' },
      { row: 1, column: 'Document number', reason: '列“Document number”与“文号”重复', code: 'DUPLICATE_COLUMN' },
      { row: 1, column: '名称', reason: '缺少必需的列“名称”', code: 'MISSING_COLUMN' },
    ]);
  });
});

describe('row parsing', () => {
  const header = mapHeaders(['名称', '文号', '成文日期', '有效性', '发布机构', '主题分类', '预算金额', '公开期限', '索引号'], FIELDS);

  it('reads a good row: dates in several forms, enumeration words, relations split on 、, computed columns ignored', () => {
    const row = parseRow(2, ['规划', '师市发〔2024〕12号', '2024/3/5', '有效', '市数据局', '综合政务、 城乡建设', '1,200.50', '2025-01-01', '6500/2024-00001'], header);
    expect(row.problems).toEqual([]);
    expect(row.data).toEqual({ title: '规划', documentNumber: '师市发〔2024〕12号', writtenDate: '2024-03-05', validity: 'valid', budgetAmount: 1200.5, indexNumber: '6500/2024-00001' });
    expect(row.relations).toEqual({ publishingOrganization: ['市数据局'], topics: ['综合政务', '城乡建设'] });
  });

  it('reports each bad cell with its header as written and a Chinese reason', () => {
    const row = parseRow(7, ['一二三四五六七八九十一', '', '2024-02-30', '作废', '甲、乙', '', 'abc'], header);
    expect(row.problems).toEqual([
      { row: 7, column: '名称', reason: '名称不能超过10个字符（现有11个）', code: 'TOO_LONG' },
      { row: 7, column: '成文日期', reason: '成文日期应为 YYYY-MM-DD 格式的日期', code: 'INVALID_DATE' },
      { row: 7, column: '有效性', reason: '有效性应为以下之一：有效、失效', code: 'INVALID_CHOICE' },
      { row: 7, column: '发布机构', reason: '发布机构只能填写一个', code: 'TOO_MANY_VALUES' },
      { row: 7, column: '预算金额', reason: '预算金额应为数字', code: 'INVALID_NUMBER' },
    ]);
  });

  it('keys a row by 索引号, else 文号, else not at all', () => {
    expect(rowKey({ indexNumber: 'A/2024-00001', documentNumber: 'X' })).toBe('索引号:A/2024-00001');
    expect(rowKey({ documentNumber: '师市发〔2024〕12号' })).toBe('文号:师市发〔2024〕12号');
    expect(rowKey({ decisionNumber: '五公罚〔2025〕3号' })).toBe('文号:五公罚〔2025〕3号');
    expect(rowKey({ title: '无编号' })).toBeNull();
  });

  it('names the column of an entry-rule path, or the label when the file lacks it', () => {
    expect(columnOf(['title'], header, FIELDS)).toBe('名称');
    expect(columnOf(['publishingOrganization'], mapHeaders(['名称'], FIELDS), FIELDS)).toBe('发布机构');
  });
});

describe('cells', () => {
  it('reads exceljs values: rich text, formula results, hyperlinks, dates', () => {
    expect(cellText({ richText: [{ text: '政务' }, { text: '公开' }] })).toBe('政务公开');
    expect(cellText({ formula: 'A1', result: 12 })).toBe('12');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
    expect(cellText(null)).toBe('');
  });

  it('writes enumeration values in words and relations by name, which parse back to the same values', () => {
    const header = mapHeaders(['名称', '有效性', '主题分类'], FIELDS);
    const cells = [exportCell(FIELDS[0], '规划'), exportCell(FIELDS[4], 'expired'), exportCell(FIELDS[6], [{ name: '综合政务' }, { name: '城乡建设' }])];
    expect(cells).toEqual(['规划', '失效', '综合政务、城乡建设']);
    expect(parseRow(2, cells, header)).toMatchObject({ data: { title: '规划', validity: 'expired' }, relations: { topics: ['综合政务', '城乡建设'] }, problems: [] });
  });
});

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, new lines inside quotes, CRLF and a BOM across chunk boundaries', () => {
    const text = '\ufeff名称,文号\r\n"关于""十四五""规划",A〔2024〕1号\r\n"两行\n内容",\r\n';
    const parser = csvRecords();
    const records = [...parser.push(text.slice(0, 9)), ...parser.push(text.slice(9, 20)), ...parser.push(text.slice(20)), ...parser.end()];
    expect(records).toEqual([
      ['名称', '文号'],
      ['关于"十四五"规划', 'A〔2024〕1号'],
      ['两行\n内容', ''],
    ]);
  });

  it('quotes what needs quoting, and reads back what it wrote', () => {
    const line = csvLine(['a,b', 'say "hi"', null, 3]);
    expect(line).toBe('"a,b","say ""hi""",,3');
    const parser = csvRecords();
    expect([...parser.push(`${line}\n`), ...parser.end()]).toEqual([['a,b', 'say "hi"', '', '3']]);
  });
});
