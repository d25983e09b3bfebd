import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Webhook signatures: `X-Gongkai-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * A receiver recomputes the HMAC over the raw body it received and rejects timestamps outside its tolerance
 * (5 minutes by default), so a captured delivery cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'X-Gongkai-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function sign(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type Verification = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'expired' };

export function verify(secret: string, body: string, header: string | undefined, nowSeconds: number, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): Verification {
  const parts = Object.fromEntries(
    String(header ?? '')
      .split(',')
      .map((part) => part.trim().split('=') as [string, string])
      .filter((pair) => pair.length === 2)
  );
  if (!/^\d{1,12}$/.test(parts.t ?? '') || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return { ok: false, reason: 'malformed' };
  const timestamp = Number(parts.t);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();
  if (!timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'))) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, timestamp };
}
