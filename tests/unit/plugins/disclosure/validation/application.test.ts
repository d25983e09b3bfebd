import { APPLICATION_FIELD_LIMITS, validateApplicationInput } from '../../../../../src/plugins/disclosure/server/src/validation/application';
import application from '../../../../../src/plugins/disclosure/server/src/content-types/application';

const valid = {
  organization: 'org1',
  applicantKind: 'natural_person',
  applicantName: ' 李明远 ',
  idType: 'resident_id',
  idNumber: '659004198805061234',
  phone: '+86 994-5812345',
  requestedTitle: '老旧小区改造资金安排',
  preferredForm: 'paper',
  deliveryMethod: 'pickup',
};
const issues = (result: ReturnType<typeof validateApplicationInput>) => (result.ok ? [] : result.issues);

describe('validateApplicationInput', () => {
  it('takes the length limits from the content type', () => {
    const attributes = application.schema.attributes as Record<string, { maxLength?: number }>;
    for (const [field, max] of Object.entries(APPLICATION_FIELD_LIMITS)) expect(max).toBe(attributes[field].maxLength);
  });

  it('trims, turns blank optional fields into null, and accepts the online channel named explicitly', () => {
    const result = validateApplicationInput({ ...valid, email: '', purpose: '  ', channel: 'online' }, { channel: 'public' });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ applicantName: '李明远', email: null, purpose: null, contactPerson: null, requestedEntry: null, captcha: null }),
    });
    expect(result.ok && 'channel' in result.value).toBe(false);
  });

  it('reports every field with a Chinese message and a stable code', () => {
    const result = validateApplicationInput({ ...valid, applicantName: '', phone: 'abc', applicantKind: 'robot', idNumber: 'x'.repeat(41), extra: 1 }, { channel: 'public' });
    expect(issues(result)).toEqual(
      expect.arrayContaining([
        { path: ['applicantName'], code: 'REQUIRED', message: '请填写申请人姓名或名称', messageEn: 'applicantName is required' },
        expect.objectContaining({ path: ['phone'], code: 'INVALID_FORMAT', message: '联系电话的格式不正确' }),
        expect.objectContaining({ path: ['applicantKind'], code: 'INVALID_CHOICE', message: '申请人类型的选项无效' }),
        expect.objectContaining({ path: ['idNumber'], code: 'TOO_LONG', message: '证件号码不能超过 40 个字' }),
        expect.objectContaining({ path: ['extra'], code: 'UNKNOWN_FIELD' }),
      ])
    );
  });

  it('asks organizations for a contact person, post for an address, email delivery for an address to send to', () => {
    const result = validateApplicationInput({ ...valid, applicantKind: 'research_institution', deliveryMethod: 'post' }, { channel: 'public' });
    expect(issues(result).map((i) => i.path[0]).sort()).toEqual(['contactPerson', 'postalAddress']);
    expect(issues(validateApplicationInput({ ...valid, deliveryMethod: 'email' }, { channel: 'public' })).map((i) => i.path[0])).toEqual(['email']);
  });

  it('links the requested information to an entry of the disclosure catalogue only', () => {
    const linked = validateApplicationInput({ ...valid, requestedEntry: { uid: 'api::policy.policy', documentId: 'abc123' } }, { channel: 'public' });
    expect(linked.ok && linked.value.requestedEntry).toEqual({ uid: 'api::policy.policy', documentId: 'abc123' });
    for (const uid of ['admin::user', 'plugin::disclosure.application', 'plugin::users-permissions.user']) {
      expect(issues(validateApplicationInput({ ...valid, requestedEntry: { uid, documentId: 'abc123' } }, { channel: 'public' }))).toEqual([
        expect.objectContaining({ path: ['requestedEntry', 'uid'], code: 'INVALID_CHOICE' }),
      ]);
    }
  });

  it('refuses another channel on the public form, and anything but an object', () => {
    expect(issues(validateApplicationInput({ ...valid, channel: 'letter' }, { channel: 'public' }))[0]).toMatchObject({ path: ['channel'], code: 'INVALID_CHOICE' });
    for (const body of [null, [], 'text', 3]) expect(issues(validateApplicationInput(body, { channel: 'public' }))[0]).toMatchObject({ path: ['body'], code: 'INVALID_BODY' });
  });

  it('for staff intake requires an offline channel and the day received', () => {
    expect(issues(validateApplicationInput(valid, { channel: 'staff' })).map((i) => [i.path[0], i.code])).toEqual([
      ['channel', 'REQUIRED'],
      ['receivedOn', 'REQUIRED'],
    ]);
    expect(issues(validateApplicationInput({ ...valid, channel: 'online', receivedOn: '2025-02-30' }, { channel: 'staff' })).map((i) => [i.path[0], i.code])).toEqual([
      ['channel', 'INVALID_CHOICE'],
      ['receivedOn', 'INVALID_FORMAT'],
    ]);
    expect(validateApplicationInput({ ...valid, channel: 'letter', receivedOn: '2025-03-03' }, { channel: 'staff' })).toMatchObject({ ok: true, value: { channel: 'letter', receivedOn: '2025-03-03' } });
  });
});
