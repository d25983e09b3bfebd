/**
 * Holidays and 调休 make-up working days fixed by the State Council General
 * Office's notices on holiday arrangements (国务院办公厅关于…部分节假日安排的通知).
 * Checked date by date against the notices and against the chinese-days package
 * (tests/unit/.../calendar.test.ts). Next year's notice is entered by an
 * administrator as calendar-day entries; this table is the built-in baseline.
 */
export interface OfficialYear {
  year: number;
  source: string;
  holidays: { name: string; dates: string[] }[];
  makeUpWorkdays: { name: string; dates: string[] }[];
}

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

export const OFFICIAL_YEARS: OfficialYear[] = [
  {
    year: 2024,
    source: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）',
    holidays: [
      { name: '元旦', dates: ['2024-01-01'] },
      { name: '春节', dates: range('2024-02-10', '2024-02-17') },
      { name: '清明节', dates: range('2024-04-04', '2024-04-06') },
      { name: '劳动节', dates: range('2024-05-01', '2024-05-05') },
      { name: '端午节', dates: ['2024-06-10'] },
      { name: '中秋节', dates: range('2024-09-15', '2024-09-17') },
      { name: '国庆节', dates: range('2024-10-01', '2024-10-07') },
    ],
    makeUpWorkdays: [
      { name: '春节', dates: ['2024-02-04', '2024-02-18'] },
      { name: '清明节', dates: ['2024-04-07'] },
      { name: '劳动节', dates: ['2024-04-28', '2024-05-11'] },
      { name: '中秋节', dates: ['2024-09-14'] },
      { name: '国庆节', dates: ['2024-09-29', '2024-10-12'] },
    ],
  },
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      { name: '元旦', dates: ['2025-01-01'] },
      { name: '春节', dates: range('2025-01-28', '2025-02-04') },
      { name: '清明节', dates: range('2025-04-04', '2025-04-06') },
      { name: '劳动节', dates: range('2025-05-01', '2025-05-05') },
      { name: '端午节', dates: range('2025-05-31', '2025-06-02') },
      { name: '国庆节、中秋节', dates: range('2025-10-01', '2025-10-08') },
    ],
    makeUpWorkdays: [
      { name: '春节', dates: ['2025-01-26', '2025-02-08'] },
      { name: '劳动节', dates: ['2025-04-27'] },
      { name: '国庆节、中秋节', dates: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      { name: '元旦', dates: range('2026-01-01', '2026-01-03') },
      { name: '春节', dates: range('2026-02-15', '2026-02-23') },
      { name: '清明节', dates: range('2026-04-04', '2026-04-06') },
      { name: '劳动节', dates: range('2026-05-01', '2026-05-05') },
      { name: '端午节', dates: range('2026-06-19', '2026-06-21') },
      { name: '中秋节', dates: range('2026-09-25', '2026-09-27') },
      { name: '国庆节', dates: range('2026-10-01', '2026-10-07') },
    ],
    makeUpWorkdays: [
      { name: '元旦', dates: ['2026-01-04'] },
      { name: '春节', dates: ['2026-02-14', '2026-02-28'] },
      { name: '劳动节', dates: ['2026-05-09'] },
      { name: '国庆节', dates: ['2026-09-20', '2026-10-10'] },
    ],
  },
];
