import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent. A consumer site's webhook URL is set by an administrator, but the dispatcher runs
 * inside the government network: without limits a URL could reach the metadata service (169.254.169.254), the
 * database on 127.0.0.1 or any private host, and the delivery log would turn into a port scanner. Only public unicast
 * addresses on the scheme's default port are allowed, unless an address range or port is listed explicitly.
 */
export interface WebhookTargetPolicy {
  /** Addresses or CIDR ranges allowed although not public (e.g. an intranet portal: '10.20.0.0/16'). */
  allowedAddresses: string[];
  /** Ports allowed besides the scheme's default (80 for http, 443 for https). */
  allowedPorts: number[];
}

export type TargetRefusal = { ok: false; code: string; message: string; messageEn: string };
export type UrlCheck = { ok: true; url: URL; host: string; literalAddress: boolean } | TargetRefusal;

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

const refuse = (code: string, message: string, messageEn: string): TargetRefusal => ({ ok: false, code, message, messageEn });

/** Parses an allow-list entry (an address or a CIDR range); throws on anything else. */
export function parseRange(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const text = String(entry).trim();
  if (text.includes('/')) return ipaddr.parseCIDR(text);
  const address = ipaddr.parse(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** The address as ipaddr sees it, IPv4-mapped IPv6 (::ffff:10.0.0.1) unwrapped to the IPv4 it reaches. */
function normalized(address: string) {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

/**
 * Whether a resolved address may receive webhooks: public unicast only (no loopback, link-local, private, unique-local,
 * carrier-grade NAT, multicast, reserved, or IPv6 forms that embed an IPv4 address such as 6to4 and NAT64), unless it
 * falls in an allow-listed range.
 */
export function addressAllowed(address: string, policy: WebhookTargetPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = normalized(address);
  for (const entry of policy.allowedAddresses) {
    const [range, bits] = parseRange(entry);
    if (parsed.kind() === range.kind() && parsed.match(range, bits)) return true;
  }
  return parsed.range() === 'unicast';
}

/** Checks a webhook URL's form before any name is resolved: scheme, credentials, port, and a literal address. */
export function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('WEBHOOK_URL_INVALID', '推送地址不是有效的网址', 'the webhook URL is not a valid URL');
  }
  if (!(url.protocol in DEFAULT_PORTS)) return refuse('WEBHOOK_URL_INVALID', '推送地址只能使用 http 或 https', 'the webhook URL must use http or https');
  if (url.username || url.password) return refuse('WEBHOOK_URL_INVALID', '推送地址不能包含用户名或密码', 'the webhook URL must not carry credentials');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (port !== DEFAULT_PORTS[url.protocol] && !policy.allowedPorts.includes(port)) {
    return refuse('WEBHOOK_PORT_NOT_ALLOWED', `推送地址不能使用非标准端口 ${port}；如确需使用，请由系统管理员加入允许列表`, `port ${port} is not allowed for webhooks unless allow-listed`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literalAddress = ipaddr.isValid(host);
  if (literalAddress && !addressAllowed(host, policy)) return addressRefusal(host);
  return { ok: true, url, host, literalAddress };
}

export function addressRefusal(address: string): TargetRefusal {
  return refuse(
    'WEBHOOK_ADDRESS_NOT_ALLOWED',
    `推送地址指向本机、内网或保留地址（${address}），不允许推送；如确需推送到内网，请由系统管理员加入允许列表`,
    `the webhook address ${address} is loopback, private, link-local or reserved; allow-list it explicitly if intended`
  );
}
