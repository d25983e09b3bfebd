import ipaddr from 'ipaddr.js';

/**
 * The bucket of a client address: an IPv4 address as is (IPv4-mapped IPv6 included), an IPv6 address by its /64 —
 * one host is routinely given a whole /64 and could otherwise take a fresh address, and a fresh bucket, per request.
 */
export function addressBucket(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return `other:${ip ?? ''}`;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toNormalizedString()}/64`).toString()}/64`;
}

/** Load balancer probes: frequent, from few addresses, and cheap (readiness is checked at most every 2 s). */
const PROBE_PATHS = new Set(['/api/disclosure/health', '/api/disclosure/ready']);

/**
 * Whether a request path is rate-limited: everything anyone can call without signing in to the admin — the REST and
 * consumer APIs under /api, the static files (portal, uploads) — but not the health checks (/_health, /api/disclosure/health and /ready), the admin panel
 * (/admin) or the admin API of plugins (/<plugin>/…), which answer staff behind the admin login.
 */
export function isRateLimitedPath(path: string, adminPrefixes: ReadonlySet<string>): boolean {
  if (path === '/_health' || PROBE_PATHS.has(path)) return false;
  const first = path.split('/')[1] ?? '';
  if (first === 'api') return true;
  return first !== 'admin' && !adminPrefixes.has(first);
}

/** Whole seconds to wait, at least one: the value of Retry-After. */
export const retryAfterSeconds = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));
