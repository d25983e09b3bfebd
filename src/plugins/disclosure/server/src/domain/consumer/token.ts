import { createHash, randomBytes, timingSafeEqual } from 'crypto';

/** Consumer-site access tokens: `gks_` + 43 url-safe characters (256 bits). Only the SHA-256 hash is stored. */
export const TOKEN_PREFIX = 'gks_';
const TOKEN_SHAPE = /^gks_[A-Za-z0-9_-]{43}$/;

export function newToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** The token in an Authorization header, or null when there is none; 'malformed' when it cannot be a token. */
export function bearerToken(header: string | undefined): string | null | 'malformed' {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match || !TOKEN_SHAPE.test(match[1])) return 'malformed';
  return match[1];
}

/** Webhook signing secrets: `whsec_` + 43 url-safe characters. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
