import { createHmac } from 'crypto';
import { DEFAULT_TOLERANCE_SECONDS, SIGNATURE_HEADER, sign, verify } from '../../../../../../src/plugins/disclosure/server/src/domain/consumer/webhook-signature';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ event: 'released', documentId: 'abc123', title: '关于印发规划的通知' });
const t = 1_750_000_000;

describe('webhook signatures', () => {
  it('have the header form t=<seconds>,v1=<64 hex>', () => {
    expect(SIGNATURE_HEADER).toBe('X-Gongkai-Signature');
    const header = sign(secret, body, t);
    expect(header).toMatch(/^t=1750000000,v1=[0-9a-f]{64}$/);
  });

  it('are an HMAC-SHA256 of "<t>.<raw body>" that a receiver can recompute', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(sign(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verify what was signed', () => {
    expect(verify(secret, body, sign(secret, body, t), t)).toEqual({ ok: true, timestamp: t });
    expect(verify(secret, body, sign(secret, body, t), t + 60)).toEqual({ ok: true, timestamp: t });
  });

  it('tolerate whitespace between the parts', () => {
    const header = sign(secret, body, t).replace(',', ', ');
    expect(verify(secret, body, header, t)).toEqual({ ok: true, timestamp: t });
  });

  it('do not match under another secret', () => {
    expect(verify('whsec_other', body, sign(secret, body, t), t)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('do not match a tampered body or timestamp', () => {
    const header = sign(secret, body, t);
    expect(verify(secret, body.replace('released', 'withdrawn'), header, t)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(secret, `${body} `, header, t)).toEqual({ ok: false, reason: 'mismatch' });
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verify(secret, body, moved, t)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('expire outside the tolerance, 5 minutes by default, in both directions', () => {
    expect(DEFAULT_TOLERANCE_SECONDS).toBe(300);
    const header = sign(secret, body, t);
    expect(verify(secret, body, header, t + 300)).toEqual({ ok: true, timestamp: t });
    expect(verify(secret, body, header, t + 301)).toEqual({ ok: false, reason: 'expired' });
    expect(verify(secret, body, header, t - 300)).toEqual({ ok: true, timestamp: t });
    expect(verify(secret, body, header, t - 301)).toEqual({ ok: false, reason: 'expired' });
    expect(verify(secret, body, header, t + 3600, 3600)).toEqual({ ok: true, timestamp: t });
    expect(verify(secret, body, header, t + 61, 60)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are malformed when a part is missing or not of its form', () => {
    const header = sign(secret, body, t);
    const mac = header.split('v1=')[1];
    const malformed = { ok: false, reason: 'malformed' };
    expect(verify(secret, body, undefined, t)).toEqual(malformed);
    expect(verify(secret, body, '', t)).toEqual(malformed);
    expect(verify(secret, body, `t=${t}`, t)).toEqual(malformed);
    expect(verify(secret, body, `v1=${mac}`, t)).toEqual(malformed);
    expect(verify(secret, body, `t=${t},v1=${'z'.repeat(64)}`, t)).toEqual(malformed);
    expect(verify(secret, body, `t=${t},v1=${mac.slice(2)}`, t)).toEqual(malformed);
    expect(verify(secret, body, `t=${t},v1=${mac.toUpperCase()}`, t)).toEqual(malformed);
    expect(verify(secret, body, `t=abc,v1=${mac}`, t)).toEqual(malformed);
    expect(verify(secret, body, `t=${t}.5,v1=${mac}`, t)).toEqual(malformed);
    expect(verify(secret, body, 'garbage', t)).toEqual(malformed);
  });
});
