import { createHash } from 'crypto';
import { bearerToken, hashToken, newToken, newWebhookSecret, sameHash, TOKEN_PREFIX } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/token';

describe('consumer-site access tokens', () => {
  it('are gks_ + 43 url-safe characters, with their SHA-256 hash and a 10-character prefix', () => {
    const { token, hash, prefix } = newToken();
    expect(TOKEN_PREFIX).toBe('gks_');
    expect(token).toMatch(/^gks_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(prefix).toBe(token.slice(0, 10));
    expect(prefix.startsWith('gks_')).toBe(true);
  });

  it('are different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newToken().token));
    expect(tokens.size).toBe(50);
  });

  it('hash deterministically', () => {
    const { token, hash } = newToken();
    expect(hashToken(token)).toBe(hash);
    expect(hashToken('gks_x')).toBe(hashToken('gks_x'));
    expect(hashToken('gks_x')).not.toBe(hashToken('gks_y'));
  });

  it('compare hashes by value', () => {
    const { hash } = newToken();
    expect(sameHash(hash, `${hash}`)).toBe(true);
    expect(sameHash(hash, hashToken('other'))).toBe(false);
    expect(sameHash(hash, hash.slice(1))).toBe(false);
  });
});

describe('bearer tokens in the Authorization header', () => {
  const { token } = newToken();

  it('are absent when there is no header', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('')).toBeNull();
  });

  it('are read from a well-formed header, the scheme in any case', () => {
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
    expect(bearerToken(`BEARER   ${token}  `)).toBe(token);
  });

  it('are malformed for another scheme, a missing token or a token of the wrong shape', () => {
    expect(bearerToken(`Basic ${token}`)).toBe('malformed');
    expect(bearerToken('Bearer')).toBe('malformed');
    expect(bearerToken('Bearer ')).toBe('malformed');
    expect(bearerToken(token)).toBe('malformed');
    expect(bearerToken('Bearer gks_tooshort')).toBe('malformed');
    expect(bearerToken(`Bearer ${token}x`)).toBe('malformed');
    expect(bearerToken(`Bearer xyz_${token.slice(4)}`)).toBe('malformed');
    expect(bearerToken(`Bearer ${token} extra`)).toBe('malformed');
    expect(bearerToken(`Bearer ${token.slice(0, -1)}!`)).toBe('malformed');
  });
});

describe('webhook secrets', () => {
  it('are whsec_ + 43 url-safe characters, different every time', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
