import http from 'http';
import { Socket } from 'net';
import Koa from 'koa';
import serverConfig from '../../../config/server';

/** A stand-in for Strapi's env() helper over a plain object. */
function envOf(values: Record<string, string | undefined>) {
  const env: any = (name: string, fallback?: unknown) => values[name] ?? fallback;
  env.int = (name: string, fallback?: number) => (values[name] ? Number(values[name]) : fallback);
  env.bool = (name: string, fallback?: boolean) => (values[name] ? values[name] === 'true' : fallback);
  env.array = (name: string) => (values[name] ?? '').split(',');
  return env;
}

const secrets = { APP_KEYS: 'a,b' };

/** The client address Koa (under Strapi) reports with this server config, for a request from `peer`. */
function clientAddress(config: any, peer: string, forwardedFor?: string) {
  const app = new Koa({ proxy: config.proxy.koa });
  app.maxIpsCount = config.proxy.maxIpsCount;
  const req = new http.IncomingMessage(new Socket());
  Object.defineProperty(req.socket, 'remoteAddress', { value: peer });
  if (forwardedFor) req.headers['x-forwarded-for'] = forwardedFor;
  return app.createContext(req, new http.ServerResponse(req)).ip;
}

describe('server proxy setting (rate limits count the client address)', () => {
  it('trusts no forwarding header unless IS_PROXIED', () => {
    const config = serverConfig({ env: envOf(secrets) });
    expect(config.proxy).toEqual({ koa: false, maxIpsCount: 1 });
    expect(clientAddress(config, '198.51.100.9', '203.0.113.1')).toBe('198.51.100.9');
  });

  it('behind a proxy, takes the address the proxy saw, not one the client wrote into X-Forwarded-For', () => {
    const config = serverConfig({ env: envOf({ ...secrets, IS_PROXIED: 'true' }) });
    expect(config.proxy).toEqual({ koa: true, maxIpsCount: 1 });
    // The client sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the address it saw.
    expect(clientAddress(config, '10.0.0.2', '10.9.9.9, 203.0.113.1')).toBe('203.0.113.1');
  });

  it('behind PROXY_HOPS proxies, takes the address the outermost one saw', () => {
    const config = serverConfig({ env: envOf({ ...secrets, IS_PROXIED: 'true', PROXY_HOPS: '2' }) });
    expect(clientAddress(config, '10.0.0.2', '10.9.9.9, 203.0.113.1, 10.0.0.1')).toBe('203.0.113.1');
  });
});
