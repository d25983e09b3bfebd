import { accessLineFields, isValidRequestId, jsonLogRecord, notReady, pendingMigrations } from '../../../../../src/plugins/disclosure/server/src/domain/operations';

describe('request ids a client may hand us', () => {
  it('accepts up to 64 characters of letters, digits, dot, underscore and hyphen', () => {
    for (const id of ['a', 'req-123', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'trace.abc_DEF-9', 'x'.repeat(64)]) expect(isValidRequestId(id)).toBe(true);
  });

  it('refuses anything that could forge a log line or a header', () => {
    for (const id of ['', 'x'.repeat(65), 'a b', 'a\nlevel=error', 'a"b', '请求', 'a/b', 'a;b', undefined, 42]) expect(isValidRequestId(id)).toBe(false);
  });
});

describe('the JSON log record', () => {
  const time = new Date('2026-12-02T06:00:00.000Z');
  const request = { requestId: 'req-1', method: 'GET', path: '/api/disclosure/policies' };

  it("gives Strapi's access line its status and duration as fields, with the request's id, method and path", () => {
    const record = jsonLogRecord({ level: 'http', message: 'GET /api/disclosure/policies?page=2 (12 ms) 200' }, request, time);
    expect(record).toEqual({
      time: '2026-12-02T06:00:00.000Z',
      level: 'http',
      message: 'GET /api/disclosure/policies?page=2 (12 ms) 200',
      requestId: 'req-1',
      method: 'GET',
      path: '/api/disclosure/policies',
      status: 200,
      durationMs: 12,
    });
  });

  it('writes a line outside any request with time, level and message only', () => {
    expect(jsonLogRecord({ level: 'info', message: 'Strapi started successfully' }, undefined, time)).toEqual({ time: '2026-12-02T06:00:00.000Z', level: 'info', message: 'Strapi started successfully' });
  });

  it('keeps what the caller logged beside the message, but never lets it overwrite the fixed fields', () => {
    const record = jsonLogRecord({ level: 'info', message: { event: 'migrated' }, requestId: 'forged', durationSeconds: 1.5 }, request, time);
    expect(record).toMatchObject({ message: '{"event":"migrated"}', requestId: 'req-1', durationSeconds: 1.5 });
    expect(record.status).toBeUndefined();
  });

  it('logs an error by its message and stack', () => {
    const error = new Error('数据库连接中断');
    const record = jsonLogRecord({ level: 'error', message: error }, request, time);
    expect(record.message).toBe('数据库连接中断');
    expect(String(record.stack)).toContain('数据库连接中断');
  });

  it('takes no status from an info line that merely looks like an access line', () => {
    expect(accessLineFields('GET /x (3 ms) 404')).toEqual({ status: 404, durationMs: 3 });
    expect(jsonLogRecord({ level: 'info', message: 'GET /x (3 ms) 404' }, request, time).status).toBeUndefined();
  });
});

describe('readiness', () => {
  it('counts the migration files Strapi would run that are not recorded as run', () => {
    const files = ['2026.12.01T00.00.00.disclosure-indexes.js', '2026.12.02T00.00.00.annual-report-indexes.js', '2026.12.02T00.00.00.annual-report-indexes.js.map', '.hidden.js', 'x.d.ts', 'raw.sql'];
    expect(pendingMigrations(files, ['2026.12.01T00.00.00.disclosure-indexes.js'])).toEqual(['2026.12.02T00.00.00.annual-report-indexes.js', 'raw.sql']);
    expect(pendingMigrations(files, ['2026.12.01T00.00.00.disclosure-indexes.js', '2026.12.02T00.00.00.annual-report-indexes.js', 'raw.sql'])).toEqual([]);
  });

  it('names each reason with a code, in Chinese and in English', () => {
    expect(notReady.calendar([2027])).toEqual({ code: 'CALENDAR_MISSING', message: '缺少 2027 年的工作日历（节假日安排）数据', messageEn: 'no working-day calendar (holiday notice) data for 2027' });
    expect(notReady.migrations(2).code).toBe('MIGRATIONS_PENDING');
    expect(notReady.database().code).toBe('DATABASE_UNREACHABLE');
  });
});
