/**
 * Operations: request ids, the JSON log line, the readiness answer. Pure, so that the logger config (which loads
 * before Strapi) and the unit tests can use it.
 */

/** A request id a client or proxy may hand us: short, and safe to echo into a header and a log line. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const isValidRequestId = (value: unknown): value is string => typeof value === 'string' && REQUEST_ID_PATTERN.test(value);

/** What the log knows about the request a line was written in. */
export interface RequestLogContext {
  requestId: string;
  method: string;
  path: string;
}

/**
 * Strapi's access line (strapi::logger: `${method} ${url} (${ms} ms) ${status}`), the one line per request: its
 * status and duration become fields of their own.
 */
const ACCESS_LINE = /^[A-Z]+ \S+ \((\d+) ms\) (\d{3})$/;

export function accessLineFields(message: string): { status: number; durationMs: number } | null {
  const match = ACCESS_LINE.exec(message);
  return match ? { durationMs: Number(match[1]), status: Number(match[2]) } : null;
}

/** One log line as a JSON object: fixed fields first, absent ones left out, anything extra the caller logged after. */
export function jsonLogRecord(
  info: { level: string; message: unknown; [key: string]: unknown },
  context: RequestLogContext | undefined,
  time: Date = new Date(),
): Record<string, unknown> {
  const { level, message, ...extra } = info;
  const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
  const record: Record<string, unknown> = { time: time.toISOString(), level, message: text };
  if (context) Object.assign(record, { requestId: context.requestId, method: context.method, path: context.path });
  const access = context && level === 'http' ? accessLineFields(text) : null;
  if (access) Object.assign(record, access);
  for (const [key, value] of Object.entries(extra)) {
    if (!(key in record) && value !== undefined) record[key] = value instanceof Error ? value.message : value;
  }
  if (message instanceof Error && message.stack) record.stack = message.stack;
  return record;
}

/** Why an instance is not ready for traffic: a code for the balancer's operator, the reason in Chinese and English. */
export interface NotReadyReason {
  code: string;
  message: string;
  messageEn: string;
}

export const notReady = {
  database: (): NotReadyReason => ({ code: 'DATABASE_UNREACHABLE', message: '数据库无法连接', messageEn: 'the database does not answer' }),
  /** Chinese search needs a UTF-8 LC_CTYPE (services/search.ts checks it at boot). */
  searchLocale: (problem: string): NotReadyReason => {
    const [zh, en] = problem.split(' / ');
    return { code: 'SEARCH_LOCALE', message: zh, messageEn: en ?? zh };
  },
  migrations: (pending: number): NotReadyReason => ({
    code: 'MIGRATIONS_PENDING',
    message: `尚有 ${pending} 个数据库迁移未执行`,
    messageEn: `${pending} database migration(s) have not run`,
  }),
  calendar: (years: number[]): NotReadyReason => ({
    code: 'CALENDAR_MISSING',
    message: `缺少 ${years.join('、')} 年的工作日历（节假日安排）数据`,
    messageEn: `no working-day calendar (holiday notice) data for ${years.join(', ')}`,
  }),
};

/** The migrations not recorded as run: the files Strapi would run (basenames, .js/.sql) minus the recorded names. */
export function pendingMigrations(files: readonly string[], recorded: readonly string[]): string[] {
  const done = new Set(recorded);
  return files.filter((name) => (name.endsWith('.js') || name.endsWith('.sql')) && !name.startsWith('.') && !done.has(name));
}
