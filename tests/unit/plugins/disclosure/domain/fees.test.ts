import { computeProcessingFee, FEE_INPUT_MAX, FeeInputError } from '../../../../../src/plugins/disclosure/server/src/domain/fees';

describe('按件计收 (国办函〔2020〕109号): by the application’s rank in the month', () => {
  it.each([
    [1, 0, 1, 10],
    [10, 0, 1, 10],
    [11, 100, 11, 30],
    [30, 100, 11, 30],
    [31, 200, 31, 40],
    [40, 200, 31, 40],
    [41, 300, 41, 50],
    [50, 300, 41, 50],
    [51, 400, 51, 60],
    [100, 800, 91, 100],
  ])('the %i-th application costs %i元 (band %i–%i)', (ordinalInMonth, amountYuan, from, to) => {
    expect(computeProcessingFee({ method: 'piece', ordinalInMonth })).toEqual({
      amountYuan,
      method: 'piece',
      bands: [{ from, to, count: 1, unitYuan: amountYuan, amountYuan }],
    });
  });
});

describe('按量计收: progressive by the pages of one application', () => {
  it.each([
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])('%i pages cost %i元', (pages, amountYuan) => {
    expect(computeProcessingFee({ method: 'volume', pages }).amountYuan).toBe(amountYuan);
  });

  it('itemizes the bands the pages reach', () => {
    expect(computeProcessingFee({ method: 'volume', pages: 250 })).toEqual({
      amountYuan: 4700,
      method: 'volume',
      bands: [
        { from: 1, to: 30, count: 30, unitYuan: 0, amountYuan: 0 },
        { from: 31, to: 100, count: 70, unitYuan: 10, amountYuan: 700 },
        { from: 101, to: 200, count: 100, unitYuan: 20, amountYuan: 2000 },
        { from: 201, to: null, count: 50, unitYuan: 40, amountYuan: 2000 },
      ],
    });
    expect(computeProcessingFee({ method: 'volume', pages: 45 }).bands).toEqual([
      { from: 1, to: 30, count: 30, unitYuan: 0, amountYuan: 0 },
      { from: 31, to: 100, count: 15, unitYuan: 10, amountYuan: 150 },
    ]);
  });
});

describe('refuses anything else', () => {
  it.each([
    ['no input', undefined, '', 'INVALID_INPUT'],
    ['null', null, '', 'INVALID_INPUT'],
    ['an array', [], '', 'INVALID_INPUT'],
    ['no method', { pages: 40 }, 'method', 'UNKNOWN_METHOD'],
    ['an unknown method', { method: 'hourly', pages: 40 }, 'method', 'UNKNOWN_METHOD'],
    ['a method in capitals', { method: 'PIECE', ordinalInMonth: 12 }, 'method', 'UNKNOWN_METHOD'],
    ['piece without ordinal', { method: 'piece' }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['piece with ordinal 0', { method: 'piece', ordinalInMonth: 0 }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['piece with a negative ordinal', { method: 'piece', ordinalInMonth: -3 }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['piece with a fraction', { method: 'piece', ordinalInMonth: 11.5 }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['piece with NaN', { method: 'piece', ordinalInMonth: NaN }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['piece with a string', { method: 'piece', ordinalInMonth: '12' }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['piece with a huge ordinal', { method: 'piece', ordinalInMonth: FEE_INPUT_MAX + 1 }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['piece with Infinity', { method: 'piece', ordinalInMonth: Infinity }, 'ordinalInMonth', 'INVALID_NUMBER'],
    ['volume without pages', { method: 'volume' }, 'pages', 'INVALID_NUMBER'],
    ['volume with 0 pages', { method: 'volume', pages: 0 }, 'pages', 'INVALID_NUMBER'],
    ['volume with negative pages', { method: 'volume', pages: -31 }, 'pages', 'INVALID_NUMBER'],
    ['volume with a fraction', { method: 'volume', pages: 30.5 }, 'pages', 'INVALID_NUMBER'],
    ['volume with NaN', { method: 'volume', pages: NaN }, 'pages', 'INVALID_NUMBER'],
    ['volume with 1e21 pages', { method: 'volume', pages: 1e21 }, 'pages', 'INVALID_NUMBER'],
    ['piece mixed with pages', { method: 'piece', ordinalInMonth: 12, pages: 40 }, 'pages', 'MIXED_METHODS'],
    ['volume mixed with an ordinal', { method: 'volume', pages: 40, ordinalInMonth: 12 }, 'ordinalInMonth', 'MIXED_METHODS'],
    ['an extra key', { method: 'volume', pages: 40, discount: 10 }, 'discount', 'INVALID_INPUT'],
  ])('%s', (_what, input, field, code) => {
    let error: unknown;
    try {
      computeProcessingFee(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeeInputError);
    expect(error).toMatchObject({ field, code });
    expect((error as FeeInputError).messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts the largest allowed numbers', () => {
    expect(computeProcessingFee({ method: 'volume', pages: FEE_INPUT_MAX }).amountYuan).toBe(2700 + (FEE_INPUT_MAX - 200) * 40);
    expect(computeProcessingFee({ method: 'piece', ordinalInMonth: FEE_INPUT_MAX }).amountYuan).toBe(100 * (Math.ceil((FEE_INPUT_MAX - 30) / 10) + 1));
  });
});
