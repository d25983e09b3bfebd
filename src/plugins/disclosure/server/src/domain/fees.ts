/**
 * 信息处理费 (条例 第四十二条; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号). One method per application,
 * never both:
 * - 按件计收 (piece): by the application's rank among the same applicant's applications in the natural month — 1–10 free,
 *   11–30 100元/件, then each further band of 10 costs 100元/件 more (31–40 200元, 41–50 300元, …).
 * - 按量计收 (volume): by the pages of this application, progressively — 1–30 free, 31–100 10元/页, 101–200 20元/页,
 *   201 and up 40元/页.
 */

export type FeeInput = { method: 'piece'; ordinalInMonth: number } | { method: 'volume'; pages: number };

/** One tariff band: its limits (to = null when open-ended), how many units of it are charged, at what price. */
export interface FeeBand {
  from: number;
  to: number | null;
  count: number;
  unitYuan: number;
  amountYuan: number;
}

export interface ProcessingFee {
  amountYuan: number;
  method: 'piece' | 'volume';
  /** piece: the band the application falls in (count 1); volume: every band its pages reach. */
  bands: FeeBand[];
}

/** Beyond this an ordinal or page count is a typing error, not an application. */
export const FEE_INPUT_MAX = 100_000;

export type FeeInputErrorCode = 'INVALID_INPUT' | 'UNKNOWN_METHOD' | 'INVALID_NUMBER' | 'MIXED_METHODS';

export class FeeInputError extends Error {
  constructor(
    readonly field: string,
    readonly code: FeeInputErrorCode,
    readonly messageZh: string,
    message: string
  ) {
    super(message);
    this.name = 'FeeInputError';
  }
}

const VOLUME_BANDS: { from: number; to: number | null; unitYuan: number }[] = [
  { from: 1, to: 30, unitYuan: 0 },
  { from: 31, to: 100, unitYuan: 10 },
  { from: 101, to: 200, unitYuan: 20 },
  { from: 201, to: null, unitYuan: 40 },
];

function pieceBand(n: number): { from: number; to: number; unitYuan: number } {
  if (n <= 10) return { from: 1, to: 10, unitYuan: 0 };
  if (n <= 30) return { from: 11, to: 30, unitYuan: 100 };
  const step = Math.ceil((n - 30) / 10); // 31–40 is step 1
  return { from: 30 + (step - 1) * 10 + 1, to: 30 + step * 10, unitYuan: 100 * (step + 1) };
}

function count(value: unknown, field: 'ordinalInMonth' | 'pages', label: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > FEE_INPUT_MAX) {
    throw new FeeInputError(field, 'INVALID_NUMBER', `${label}应为 1 至 ${FEE_INPUT_MAX} 的整数`, `${field} must be a whole number from 1 to ${FEE_INPUT_MAX}, got ${String(value)}`);
  }
  return value;
}

function onlyKeys(input: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(input).filter((key) => !allowed.includes(key));
  if (extra.length === 0) return;
  const mixed = extra.includes('pages') || extra.includes('ordinalInMonth');
  throw new FeeInputError(
    extra[0],
    mixed ? 'MIXED_METHODS' : 'INVALID_INPUT',
    mixed ? '同一申请只能选择按件或按量一种方式计收' : `不支持的收费参数：${extra[0]}`,
    mixed ? 'one method per application: piece or volume, never both' : `unexpected fee field ${extra[0]}`
  );
}

/** The fee of one application; throws FeeInputError on anything but a well-formed piece or volume input. */
export function computeProcessingFee(input: FeeInput): ProcessingFee {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new FeeInputError('', 'INVALID_INPUT', '收费参数无效', 'input must be an object');
  const raw = input as unknown as Record<string, unknown>;
  if (raw.method === 'piece') {
    onlyKeys(raw, ['method', 'ordinalInMonth']);
    const n = count(raw.ordinalInMonth, 'ordinalInMonth', '本月申请序号');
    const band = pieceBand(n);
    return { amountYuan: band.unitYuan, method: 'piece', bands: [{ ...band, count: 1, amountYuan: band.unitYuan }] };
  }
  if (raw.method === 'volume') {
    onlyKeys(raw, ['method', 'pages']);
    const pages = count(raw.pages, 'pages', '页数');
    const bands = VOLUME_BANDS.filter((band) => band.from <= pages).map((band) => {
      const units = Math.min(band.to ?? pages, pages) - band.from + 1;
      return { ...band, count: units, amountYuan: units * band.unitYuan };
    });
    return { amountYuan: bands.reduce((sum, band) => sum + band.amountYuan, 0), method: 'volume', bands };
  }
  throw new FeeInputError('method', 'UNKNOWN_METHOD', '收费方式应为按件计收或按量计收', `method must be 'piece' or 'volume', got ${JSON.stringify(raw.method) ?? String(raw.method)}`);
}
