import serverConfig from '../../../config/server';
import { findUnsafeSecrets } from '../../../config/secrets';

const strong = 'l6w6m3Gm0xXo9mJ2yZ0q7Q==';
const good = { APP_KEYS: `${strong},${strong}x`, API_TOKEN_SALT: strong, ADMIN_JWT_SECRET: strong, JWT_SECRET: strong, TRANSFER_TOKEN_SALT: strong };

/** A stand-in for Strapi's env() helper over a plain object. */
function envOf(values: Record<string, string | undefined>) {
  const env: any = (name: string, fallback?: unknown) => values[name] ?? fallback;
  env.int = (name: string, fallback?: number) => (values[name] ? Number(values[name]) : fallback);
  env.bool = (name: string, fallback?: boolean) => (values[name] ? values[name] === 'true' : fallback);
  env.array = (name: string) => (values[name] ?? '').split(',');
  return env;
}

describe('secrets', () => {
  it('accepts strong secrets', () => {
    expect(findUnsafeSecrets(good)).toEqual([]);
  });

  it('names the example, short and missing ones', () => {
    expect(findUnsafeSecrets({ ...good, APP_KEYS: 'changeme-app-key-1,changeme-app-key-2', JWT_SECRET: 'short', API_TOKEN_SALT: undefined })).toEqual([
      'APP_KEYS (example or shorter than 16 characters)',
      'API_TOKEN_SALT (missing)',
      'JWT_SECRET (example or shorter than 16 characters)',
    ]);
  });

  it('the server refuses to start in production with the .env.example secrets', () => {
    const example = {
      NODE_ENV: 'production',
      APP_KEYS: 'changeme-app-key-1,changeme-app-key-2',
      API_TOKEN_SALT: 'changeme-api-token-salt',
      ADMIN_JWT_SECRET: 'changeme-admin-jwt-secret',
      JWT_SECRET: 'changeme-jwt-secret',
      TRANSFER_TOKEN_SALT: 'changeme-transfer-token-salt',
    };
    expect(() => serverConfig({ env: envOf(example) })).toThrow(/拒绝以生产模式启动/);
    expect(() => serverConfig({ env: envOf({ ...example, ...good }) })).not.toThrow();
  });

  it('lets development start with them', () => {
    expect(() => serverConfig({ env: envOf({ NODE_ENV: 'development', APP_KEYS: 'changeme-app-key-1' }) })).not.toThrow();
  });
});
