import { fileInUseMessage, isUploadPath, signUploadUrl, verifyUploadSignature } from '../../../../../src/plugins/disclosure/server/src/domain/attachments';

const KEY = 'k'.repeat(64);
const NOW = 1_800_000_000;
const params = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('signed upload URLs', () => {
  const url = signUploadUrl('/uploads/a_1.pdf', KEY, NOW + 60);

  it('verify for the path they were made for until they expire', () => {
    expect(url).toMatch(/^\/uploads\/a_1\.pdf\?exp=\d+&sig=[\w-]{43}$/);
    expect(verifyUploadSignature('/uploads/a_1.pdf', params(url), [KEY], NOW)).toBe('valid');
    expect(verifyUploadSignature('/uploads/a_1.pdf', params(url), [KEY], NOW + 61)).toBe('expired');
  });

  it('do not verify for another path, a changed expiry, another key or a malformed signature', () => {
    expect(verifyUploadSignature('/uploads/b_2.pdf', params(url), [KEY], NOW)).toBe('mismatch');
    expect(verifyUploadSignature('/uploads/a_1.pdf', { ...params(url), exp: String(NOW + 3600) }, [KEY], NOW)).toBe('mismatch');
    expect(verifyUploadSignature('/uploads/a_1.pdf', params(url), ['other'], NOW)).toBe('mismatch');
    expect(verifyUploadSignature('/uploads/a_1.pdf', { exp: String(NOW), sig: 'short' }, [KEY], NOW)).toBe('malformed');
    expect(verifyUploadSignature('/uploads/a_1.pdf', {}, [KEY], NOW)).toBe('missing');
  });

  it('accept one spelling of a signature: every other last character is refused, those decoding to the same bytes too', () => {
    const { sig } = params(url);
    const others = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].filter((c) => c !== sig.slice(-1));
    for (const c of others) expect(verifyUploadSignature('/uploads/a_1.pdf', { ...params(url), sig: `${sig.slice(0, -1)}${c}` }, [KEY], NOW)).toBe('mismatch');
  });

  it('verify with an older key while keys rotate', () => {
    expect(verifyUploadSignature('/uploads/a_1.pdf', params(url), ['new-key', KEY], NOW)).toBe('valid');
  });
});

describe('paths that reach the upload folder', () => {
  it.each(['/uploads/a.pdf', '/uploads%2Fa.pdf', '/UPLOADS/a.pdf', '/portal/../uploads/a.pdf', '/portal/..%2Fuploads/a.pdf', '/x/%2e%2e/uploads/a.pdf', '/uploads', '/%75ploads/a.pdf'])('%s', (p) => {
    expect(isUploadPath(p)).toBe(true);
  });
  it.each(['/upload', '/upload/files/1', '/api/upload', '/portal/index.html', '/uploadsx/a.pdf'])('not %s', (p) => {
    expect(isUploadPath(p)).toBe(false);
  });
});

it('the refusal names every entry holding the file', () => {
  const { message } = fileInUseMessage('删除', [
    { uid: 'api::policy.policy', documentId: 'a', title: '甲', state: 'released' },
    { uid: 'api::policy.policy', documentId: 'b', title: '乙', state: 'approved' },
  ]);
  expect(message).toContain('不能删除');
  expect(message).toContain('《甲》、《乙》');
});
