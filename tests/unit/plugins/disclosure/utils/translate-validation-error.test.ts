import { errors } from '@strapi/utils';
import { translateValidationDetails, translateValidationError } from '../../../../../src/plugins/disclosure/server/src/utils/translate-validation-error';

const labels: Record<string, string> = { code: '机构代码', validity: '有效性', name: '岗位名称', indexNumber: '索引号' };
const labelOf = (path: (string | number)[]) => labels[String(path[path.length - 1])] ?? String(path[path.length - 1]);

describe("Strapi's English validation errors become the one error shape", () => {
  it.each([
    ['code must match the following: "/^[0-9A-Z]{6,18}$/"', ['code'], 'INVALID_FORMAT', '机构代码格式不正确'],
    ['validity must be one of the following values: valid, expired', ['validity'], 'INVALID_OPTION', '有效性的取值不在可选范围内'],
    ['name must be at most 200 characters', ['positions', 0, 'name'], 'TOO_LONG', '岗位名称不能超过200个字符'],
    ['name must be defined.', ['positions', 0, 'name'], 'REQUIRED', '岗位名称不能为空'],
    ['This attribute must be unique', ['code'], 'NOT_UNIQUE', '机构代码已被使用，必须唯一'],
    ['Something odd', ['code'], 'INVALID', '机构代码不符合要求'],
  ])('%s', (message, path, code, zh) => {
    const translated = translateValidationError(new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] }), labelOf);
    expect(translated).toBeInstanceOf(errors.ValidationError);
    expect(translated.message).toBe(zh);
    expect(translated.details).toEqual({ code: 'DISCLOSURE_VALIDATION_FAILED', errors: [{ path, code, message: zh, messageEn: message, name: 'ValidationError' }] });
  });

  it("reads the content API's single-key form", () => {
    const { details } = translateValidationDetails('Invalid key indexNumber', { key: 'indexNumber', path: 'indexNumber', source: 'body' }, labelOf);
    expect(details.errors).toEqual([{ path: ['indexNumber'], code: 'FIELD_NOT_WRITABLE', message: '“索引号”不存在或不允许写入', messageEn: 'Invalid key indexNumber', name: 'ValidationError' }]);
  });

  it('leaves errors that are already in the shape, and other errors, alone', () => {
    const ours = new errors.ValidationError('名称不能为空', { code: 'DISCLOSURE_VALIDATION_FAILED', errors: [] });
    expect(translateValidationError(ours, labelOf).details).toBe(ours.details);
    const other = new Error('boom');
    expect(translateValidationError(other, labelOf)).toBe(other);
  });
});
