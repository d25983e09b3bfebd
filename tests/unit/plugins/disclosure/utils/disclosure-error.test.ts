import { errors } from '@strapi/utils';
import { disclosureError } from '../../../../../src/plugins/disclosure/server/src/utils/disclosure-error';

describe('disclosure errors', () => {
  it.each([
    [400, errors.ValidationError],
    [403, errors.PolicyError],
    [404, errors.NotFoundError],
  ])('%i is a Strapi %p carrying the one error shape', (status, type) => {
    const error: any = disclosureError(status as any, 'CODE', '中文说明', 'english', { extra: 1 }, ['field']);
    expect(error).toBeInstanceOf(type);
    expect(error.details).toEqual({ code: 'CODE', extra: 1, errors: [{ path: ['field'], code: 'CODE', message: '中文说明', messageEn: 'english', name: 'DisclosureError' }] });
  });

  it.each([409, 422])('%i is an HttpError Strapi answers as a client error (not logged as a server fault)', (status) => {
    const error: any = disclosureError(status as any, 'CODE', '中文说明', 'english');
    expect(error).toBeInstanceOf(errors.HttpError);
    expect(error.status).toBe(status);
    expect(error.expose).toBe(true);
    expect(error.details.code).toBe('CODE');
  });
});
