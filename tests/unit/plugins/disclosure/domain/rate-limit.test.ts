import { addressBucket, isRateLimitedPath, retryAfterSeconds } from '../../../../../src/plugins/disclosure/server/src/domain/rate-limit';

describe('rate-limit buckets', () => {
  it('count an IPv4 client by its address, whether or not the socket reports it IPv4-mapped', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('203.0.113.8')).not.toBe(addressBucket('203.0.113.7'));
  });

  it('count an IPv6 client by its /64, so rotating addresses within its subnet gains nothing', () => {
    const a = addressBucket('2001:db8:1:2:aaaa::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(a);
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(a);
  });

  it('keep anything unparseable in its own bucket rather than failing', () => {
    expect(addressBucket('')).toBe('other:');
    expect(addressBucket(undefined)).toBe('other:');
    expect(addressBucket('not-an-ip')).toBe('other:not-an-ip');
  });
});

describe('rate-limited paths', () => {
  const admin = new Set(['disclosure', 'content-manager', 'upload', 'users-permissions']);

  it('cover the APIs under /api and the static files anyone can fetch', () => {
    for (const path of ['/api/disclosure/policies', '/api/disclosure/openapi.json', '/api/disclosure/docs', '/api/policies', '/api/auth/local', '/api/upload', '/portal/', '/portal/portal.js', '/uploads/a.pdf', '/', '/favicon.ico']) {
      expect([path, isRateLimitedPath(path, admin)]).toEqual([path, true]);
    }
  });

  it('leave out the health check, the admin panel and the admin API of plugins', () => {
    for (const path of ['/_health', '/api/disclosure/health', '/api/disclosure/ready', '/admin', '/admin/login', '/disclosure/transitions', '/content-manager/collection-types/x', '/upload/files']) {
      expect([path, isRateLimitedPath(path, admin)]).toEqual([path, false]);
    }
  });
});

describe('Retry-After', () => {
  it('is whole seconds, rounded up, at least one', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(59_500)).toBe(60);
  });
});
