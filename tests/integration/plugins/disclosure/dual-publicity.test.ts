import { payloads, release } from '../../../helpers';
import { startApp, TestApp } from '../../../helpers/strapi';
import { createTeam, Team } from '../../../helpers/workflow';
import { addMonths, toLegalDate } from '../../../../src/plugins/disclosure/server/src/domain/legal-date';

let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

const DUAL = 'api::dual-publicity-record.dual-publicity-record';
const record = (title: string, over: Record<string, unknown> = {}) => ({ ...payloads(team.refs)[DUAL](title), ...over });

describe('双公示 public period (行政处罚: 3 months to 3 years)', () => {
  it('defaults publicUntil to the maximum and refuses one outside the window', async () => {
    const doc = await app.strapi.documents(DUAL).create({ data: record('默认公示期', { decisionDate: '2025-05-16' }) });
    expect((await app.strapi.documents(DUAL).findOne({ documentId: doc.documentId })).publicUntil).toBe('2028-05-16');
    await expect(app.strapi.documents(DUAL).create({ data: record('公示期过长', { decisionDate: '2025-05-16', publicUntil: '2028-05-17' }) })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['publicUntil'], code: 'PUBLIC_PERIOD_OUT_OF_RANGE', message: '公示截止日期应在2025-08-16至2028-05-16之间' })] },
    });
    await expect(app.strapi.documents(DUAL).create({ data: record('公示期过短', { decisionDate: '2025-05-16', publicUntil: '2025-06-16' }) })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ code: 'PUBLIC_PERIOD_OUT_OF_RANGE' })] },
    });
    const license = await app.strapi.documents(DUAL).create({ data: record('行政许可不受限', { kind: 'administrative_license', decisionDate: '2025-05-16', publicUntil: '2040-01-01' }) });
    expect(license.publicUntil).toBe('2040-01-01');
  });

  it('cannot be withdrawn within its minimum period', async () => {
    const doc = await app.strapi.documents(DUAL).create({ data: record('刚公示的处罚') });
    await release(app.strapi, DUAL, doc.documentId);
    const res = await team.staff.publisher.transition({ uid: DUAL, documentId: doc.documentId, action: 'withdraw', reason: '当事人申请', creditRepair: true });
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('PUBLIC_PERIOD_MINIMUM');
  });

  it('after the minimum, comes down early only through 信用修复 with a reason, which is audited', async () => {
    // Past the 3-month minimum and still within the public period, whenever the suite runs.
    const today = toLegalDate(new Date());
    const doc = await app.strapi.documents(DUAL).create({ data: record('信用修复的处罚', { decisionDate: addMonths(today, -6), publicUntil: addMonths(today, 12) }) });
    await release(app.strapi, DUAL, doc.documentId);
    const plain = await team.staff.publisher.transition({ uid: DUAL, documentId: doc.documentId, action: 'withdraw', reason: '申请撤下' });
    expect(plain.status).toBe(400);
    expect(plain.body.error.details).toMatchObject({ code: 'CREDIT_REPAIR_REQUIRED', errors: [expect.objectContaining({ path: ['creditRepair'] })] });
    const repaired = await team.staff.publisher.transition({ uid: DUAL, documentId: doc.documentId, action: 'withdraw', reason: '已完成信用修复（决定书编号 2026-17）', creditRepair: true });
    expect(repaired.status).toBe(200);
    const events = await app.strapi.plugin('disclosure').service('audit').history(DUAL, doc.documentId);
    expect(events.at(-1)).toMatchObject({ action: 'withdraw', reason: '已完成信用修复（决定书编号 2026-17）', data: { creditRepair: true } });
  });
});
