/**
 * The values shipped in .env.example are public. A production instance started
 * with any of them (or with none) would let anyone forge admin and API tokens,
 * so it refuses to boot.
 */
export const EXAMPLE_SECRETS = new Set([
  'toBeModified1',
  'toBeModified2',
  'tobemodified',
  'changeme-app-key-1',
  'changeme-app-key-2',
  'changeme-api-token-salt',
  'changeme-admin-jwt-secret',
  'changeme-jwt-secret',
  'changeme-transfer-token-salt',
  'changeme-encryption-key',
]);

const REQUIRED = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'JWT_SECRET', 'TRANSFER_TOKEN_SALT'];

export function findUnsafeSecrets(values: Record<string, string | undefined>): string[] {
  const unsafe: string[] = [];
  for (const name of REQUIRED) {
    const raw = values[name];
    if (!raw || raw.trim() === '') {
      unsafe.push(`${name} (missing)`);
      continue;
    }
    const parts = name === 'APP_KEYS' ? raw.split(',') : [raw];
    if (parts.some((part) => EXAMPLE_SECRETS.has(part.trim()) || part.trim().length < 16)) {
      unsafe.push(`${name} (example or shorter than 16 characters)`);
    }
  }
  return unsafe;
}

export function assertProductionSecrets(env: (name: string, fallback?: string) => string | undefined): void {
  if (env('NODE_ENV') !== 'production') return;
  const values: Record<string, string | undefined> = {};
  for (const name of REQUIRED) values[name] = env(name);
  const unsafe = findUnsafeSecrets(values);
  if (unsafe.length > 0) {
    throw new Error(
      `拒绝以生产模式启动：以下密钥缺失或仍为示例值 / refusing to start in production with example or missing secrets: ${unsafe.join(', ')}`
    );
  }
}
