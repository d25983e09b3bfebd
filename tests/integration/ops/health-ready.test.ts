import { startApp, TestApp } from '../../helpers/strapi';
import { legalYear } from '../../../src/plugins/disclosure/server/src/domain/legal-date';

const CALENDAR_DAY_UID = 'plugin::disclosure.calendar-day';

let app: TestApp;
const operations = () => app.strapi.plugin('disclosure').service('operations');
/** The readiness answer now, not the one cached for the balancer's next probes. */
const ready = () => {
  operations().invalidate();
  return app.http().get('/api/disclosure/ready');
};
const year = legalYear(new Date());

beforeAll(async () => {
  // A budget a load balancer's probes would exhaust within seconds: they must not be charged to it.
  process.env.RATE_LIMIT_IP_POINTS = '3';
  app = await startApp();
});

afterAll(async () => {
  delete process.env.RATE_LIMIT_IP_POINTS;
  await app?.stop();
});

/** Makes sure the calendar has (or has not) a day in the given year. */
async function calendarYear(y: number, present: boolean) {
  const days = app.strapi.db.query(CALENDAR_DAY_UID);
  await days.deleteMany({ where: { date: { $gte: `${y}-01-01`, $lte: `${y}-12-31` } } });
  if (present) await days.create({ data: { date: `${y}-10-01`, kind: 'holiday', name: '国庆节', source: '测试用节假日安排' } });
}

describe('GET /api/disclosure/health', () => {
  it('answers 200 {status: ok}, uncached, to anyone, as often as a balancer asks', async () => {
    for (let i = 0; i < 6; i += 1) {
      const res = await app.http().get('/api/disclosure/health');
      expect([res.status, res.body]).toEqual([200, { status: 'ok' }]);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // Whereas the same address's other requests are limited (3 per window here).
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await app.http().get('/api/disclosure/openapi.json')).status);
    expect(statuses).toContain(429);
  });
});

describe('GET /api/disclosure/ready', () => {
  it('is ready when the database answers, every migration has run and this year and next have calendar data', async () => {
    await calendarYear(year + 1, true);
    const res = await ready();
    expect([res.status, res.body]).toEqual([200, { status: 'ready' }]);
    // Probes are not charged to the address's budget (3 here).
    for (let i = 0; i < 5; i += 1) expect((await app.http().get('/api/disclosure/ready')).status).toBe(200);
  });

  it("is not ready, saying why in Chinese and English, while next year's working-day calendar is missing", async () => {
    await calendarYear(year + 1, false);
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'not_ready',
      reasons: [{ code: 'CALENDAR_MISSING', message: `缺少 ${year + 1} 年的工作日历（节假日安排）数据`, messageEn: `no working-day calendar (holiday notice) data for ${year + 1}` }],
    });
    // Entering a day of that year (on any instance) makes it ready again.
    await calendarYear(year + 1, true);
    expect((await ready()).status).toBe(200);
  });

  it('is not ready while a migration in database/migrations has not run', async () => {
    const [row] = await app.strapi.db.connection('strapi_migrations').select('id', 'name', 'time').orderBy('id').limit(1);
    expect(row?.name).toMatch(/\.js$/);
    await app.strapi.db.connection('strapi_migrations').where({ id: row.id }).del();
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(res.body.reasons).toEqual([{ code: 'MIGRATIONS_PENDING', message: '尚有 1 个数据库迁移未执行', messageEn: '1 database migration(s) have not run' }]);
    } finally {
      await app.strapi.db.connection('strapi_migrations').insert(row);
    }
    expect((await ready()).status).toBe(200);
  });

  it('serves a burst of probes from one check', async () => {
    operations().invalidate();
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.http().get('/api/disclosure/ready')));
    expect(answers.every((res) => res.status === 200)).toBe(true);
  });
});

describe('X-Request-Id', () => {
  it("echoes a well-formed id from the proxy or client, so a request can be followed through the proxy's logs and ours", async () => {
    const res = await app.http().get('/api/disclosure/health').set('X-Request-Id', 'lb-7f3a.trace_01');
    expect(res.headers['x-request-id']).toBe('lb-7f3a.trace_01');
  });

  it('replaces a missing, too long or unsafe id with a fresh one, on every answer including errors', async () => {
    const ids = new Set<string>();
    for (const given of [undefined, 'x'.repeat(65), 'a b', 'id"; drop']) {
      const req = app.http().get('/disclosure/no-such-route');
      if (given) req.set('X-Request-Id', given);
      const res = await req;
      expect(res.status).toBe(404);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      ids.add(res.headers['x-request-id']);
    }
    expect(ids.size).toBe(4);
  });
});
