import { addressAllowed, checkWebhookUrl, parseRange } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/webhook-target';

const closed = { allowedAddresses: [], allowedPorts: [] };

describe('webhook addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.45.0.9', 'loopback range'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'IPv6 unique-local'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['2002:7f00:1::1', '6to4 wrapping 127.0.0.1'],
    ['64:ff9b::a00:1', 'NAT64 wrapping 10.0.0.1'],
    ['2001:db8::1', 'documentation'],
    ['not-an-address', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(addressAllowed(address, closed)).toBe(false);
  });

  it.each(['8.8.8.8', '114.114.114.114', '2400:3200::1', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(addressAllowed(address, closed)).toBe(true);
  });

  it('allows a non-public address only inside an allow-listed range, of the same family', () => {
    const policy = { allowedAddresses: ['10.20.0.0/16', '127.0.0.1', 'fd00::/8'], allowedPorts: [] };
    expect(addressAllowed('10.20.3.4', policy)).toBe(true);
    expect(addressAllowed('::ffff:10.20.3.4', policy)).toBe(true);
    expect(addressAllowed('10.21.0.1', policy)).toBe(false);
    expect(addressAllowed('127.0.0.1', policy)).toBe(true);
    expect(addressAllowed('127.0.0.2', policy)).toBe(false);
    expect(addressAllowed('fd00::5', policy)).toBe(true);
    expect(addressAllowed('::1', policy)).toBe(false);
  });

  it('parses allow-list entries and rejects nonsense', () => {
    expect(parseRange('10.0.0.0/8')[1]).toBe(8);
    expect(parseRange('::1')[1]).toBe(128);
    expect(() => parseRange('intranet')).toThrow();
    expect(() => parseRange('10.0.0.0/40')).toThrow();
  });
});

describe('webhook URLs', () => {
  const refusal = (url: string, policy = closed) => {
    const result = checkWebhookUrl(url, policy);
    return result.ok ? null : result.code;
  };

  it('accepts public http(s) URLs on the default ports', () => {
    expect(checkWebhookUrl('https://www.example.gov.cn/hooks/gongkai', closed)).toMatchObject({ ok: true, host: 'www.example.gov.cn', literalAddress: false });
    expect(checkWebhookUrl('http://8.8.8.8:80/x', closed)).toMatchObject({ ok: true, literalAddress: true });
    expect(checkWebhookUrl('https://example.org:443/x', closed).ok).toBe(true);
  });

  it('refuses other schemes, credentials and malformed URLs', () => {
    expect(refusal('ftp://example.org/')).toBe('WEBHOOK_URL_INVALID');
    expect(refusal('file:///etc/passwd')).toBe('WEBHOOK_URL_INVALID');
    expect(refusal('https://user:secret@example.org/')).toBe('WEBHOOK_URL_INVALID');
    expect(refusal('example.org/hook')).toBe('WEBHOOK_URL_INVALID');
  });

  it('refuses non-default ports unless allowed', () => {
    expect(refusal('https://example.org:8443/')).toBe('WEBHOOK_PORT_NOT_ALLOWED');
    expect(refusal('http://example.org:22/')).toBe('WEBHOOK_PORT_NOT_ALLOWED');
    expect(refusal('https://example.org:8443/', { allowedAddresses: [], allowedPorts: [8443] })).toBeNull();
  });

  it('refuses literal loopback, private, link-local and unique-local addresses in any spelling', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:192.168.0.1]/',
      'http://2130706433/', // 127.0.0.1 as one number: WHATWG URL parsing turns it into 127.0.0.1
      'http://0x7f.1/',
    ]) {
      expect([url, refusal(url)]).toEqual([url, 'WEBHOOK_ADDRESS_NOT_ALLOWED']);
    }
  });
});
