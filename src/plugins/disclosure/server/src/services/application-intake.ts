import type { Core } from '@strapi/strapi';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { APPLICATION_UID, ORGANIZATION_UID, PLUGIN_ID, SYSTEM } from '../constants';
import type { ApplicationSettings } from '../config';
import { applicationDueDate } from '../domain/answer-clock';
import { addMonths, legalYear, LegalDate } from '../domain/legal-date';
import { APPLICATION_STATE_LABELS, ApplicationChannel, ApplicationState, REPLY_OUTCOME_LABELS, ReplyOutcome } from '../domain/application-vocabulary';
import { issue } from '../domain/field-issue';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { toValidationError } from '../utils/validation-error';
import type { ApplicationInput } from '../validation/application';

export { validateApplicationInput, APPLICATION_FIELD_LIMITS } from '../validation/application';
export type { ApplicationInput, PublicApplicationInput, StaffApplicationInput } from '../validation/application';

/** Who records an application: the applicant on the portal, or a handler at the office. */
export interface IntakeActor {
  actor: string;
  actorName: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (out.length < length) throw new Error('not enough random bytes');
  return out;
}

/** 'YSQ' + year + 10 random base32 characters (50 bits): unguessable, and short enough to read out on the phone. */
export const TRACKING_CODE = /^YSQ[0-9]{4}[A-Z2-7]{10}$/;
const newTrackingCode = (year: number) => `YSQ${year}${base32(randomBytes(7), 10)}`;
/** 130 random bits, shown to the applicant once; written in groups of four on the receipt, any case or spacing accepted. */
const newSecret = () => base32(randomBytes(17), 26);
const normalizeSecret = (secret: string) => secret.replace(/[\s-]/g, '').toUpperCase();

// scrypt (RFC 7914) at N=2^14, r=8, p=1: about 16 MB and tens of milliseconds per check, which makes guessing costly.
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
const scrypt = (secret: string, salt: Buffer, params: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(secret, salt, KEY_LENGTH, { ...params, maxmem: SCRYPT.maxmem }, (error, key) => (error ? reject(error) : resolve(key))));

async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Always one scrypt run, whatever the stored hash looks like: a malformed one is checked against the dummy. */
async function verifySecret(secret: string, stored: string, dummy: string): Promise<boolean> {
  let parts = stored.split('$');
  const wellFormed = parts.length === 6 && parts[0] === 'scrypt';
  if (!wellFormed) parts = dummy.split('$');
  const [, N, r, p, salt, expected] = parts;
  const key = await scrypt(secret, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  const want = Buffer.from(expected, 'base64');
  return wellFormed && want.length === key.length && timingSafeEqual(key, want);
}

const PERSONAL_FIELDS = ['applicantName', 'contactPerson', 'idType', 'idNumber', 'phone', 'email', 'postalAddress', 'postalCode', 'purpose'] as const;

const notFound = () =>
  disclosureError(404, 'APPLICATION_NOT_FOUND', '未找到该申请：请核对申请编号和查询码', 'no application with this tracking code and secret', {}, ['code']);

/**
 * 依申请公开: recording an application (the portal's form and staff intake), the applicant's status lookup by
 * tracking code and secret, and the retention purge of applicants' personal data.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin(PLUGIN_ID).config('applications') as ApplicationSettings;
  const applications = () => strapi.db.query(APPLICATION_UID);
  // A hash of a secret nobody knows: unknown codes are checked against it, so they cost what a wrong secret costs.
  const dummyHash = hashSecret(newSecret());

  /** A tracking code not yet taken, and a fresh secret with its hash (to store: the secret itself is shown once). */
  async function credentials(submittedAt: Date) {
    let trackingCode = newTrackingCode(legalYear(submittedAt));
    while (await applications().findOne({ where: { trackingCode }, select: ['id'] })) trackingCode = newTrackingCode(legalYear(submittedAt));
    const secret = newSecret();
    return { trackingCode, secret, secretHash: await hashSecret(secret) };
  }

  return {
    credentials,

    /**
     * Records an application in one transaction: a fresh tracking code and secret (returned once, only the secret's
     * hash stored), the receiving organization, the state — `submitted` online until the office confirms receipt
     * (条例 第三十一条), `received` otherwise, with the answer period (domain/answer-clock.ts) running from
     * `receivedOn` — and the audit event (without the applicant's personal data).
     */
    async create(input: ApplicationInput, { channel, receivedOn, actor }: { channel: ApplicationChannel; receivedOn: LegalDate | null; actor: IntakeActor }) {
      const received = channel !== 'online' && receivedOn !== null;
      const clock = received ? applicationDueDate({ receivedOn }, await getService('calendar', strapi).get()) : null;
      return strapi.db.transaction(async ({ trx }) => {
        const organization = await strapi.db.query(ORGANIZATION_UID).findOne({ where: { documentId: input.organization }, select: ['id', 'documentId', 'name'] });
        if (!organization) throw toValidationError([issue(['organization'], 'UNKNOWN_ORGANIZATION', '受理机关不存在，请从列表中选择', 'no such organization')], 'VALIDATION_FAILED');
        const submittedAt = new Date();
        const { trackingCode, secret, secretHash } = await credentials(submittedAt);
        const { organization: _organization, requestedEntry, ...fields } = input;
        const state: ApplicationState = received ? 'received' : 'submitted';
        const row = await strapi.documents(APPLICATION_UID as any).create({
          data: {
            ...fields,
            requestedEntryUid: requestedEntry?.uid ?? null,
            requestedEntryDocumentId: requestedEntry?.documentId ?? null,
            trackingCode,
            secretHash,
            channel,
            submittedAt: submittedAt.toISOString(),
            receivedOn: received ? receivedOn : null,
            receivingOrganization: organization.documentId,
            state,
            dueOn: clock?.dueOn ?? null,
            dueOnProvisional: clock?.provisional ?? false,
            pausedWorkingDays: 0,
          } as any,
        });
        await getService('audit', strapi).append(trx, {
          actor: actor.actor,
          actorName: actor.actorName,
          action: 'application.submitted',
          targetUid: APPLICATION_UID,
          targetDocumentId: row.documentId,
          toState: state,
          data: { trackingCode, channel, applicantKind: input.applicantKind, receivingOrganization: organization.documentId, receivedOn: received ? receivedOn : null },
        });
        return {
          documentId: row.documentId as string,
          trackingCode,
          secret,
          state,
          stateLabel: APPLICATION_STATE_LABELS[state][0],
          submittedAt: submittedAt.toISOString(),
          receivedOn: received ? receivedOn : null,
        };
      });
    },

    /**
     * What the applicant may see with the tracking code and the secret: the state, the key dates and the reply
     * letter once issued. A wrong secret and an unknown code both run one scrypt check and answer the same 404.
     */
    async status(code: unknown, secret: unknown) {
      const given = typeof secret === 'string' ? normalizeSecret(secret).slice(0, 64) : '';
      const trackingCode = typeof code === 'string' ? code.trim().toUpperCase() : '';
      const row = TRACKING_CODE.test(trackingCode) ? await applications().findOne({ where: { trackingCode } }) : null;
      const matches = await verifySecret(given, row?.secretHash ?? (await dummyHash), await dummyHash);
      if (!row || !matches) throw notFound();
      const state = row.state as ApplicationState;
      const outcome = (row.outcome ?? null) as ReplyOutcome | null;
      return {
        trackingCode: row.trackingCode as string,
        state,
        stateLabel: APPLICATION_STATE_LABELS[state][0],
        submittedAt: new Date(row.submittedAt).toISOString(),
        receivedOn: row.receivedOn ?? null,
        dueOn: row.dueOn ?? null,
        extended: Boolean(row.extended),
        correction: row.correctionRequestedOn ? { request: row.correctionRequest ?? null, dueOn: row.correctionDueOn ?? null } : null,
        repliedOn: row.repliedOn ?? null,
        outcome,
        outcomeLabel: outcome ? REPLY_OUTCOME_LABELS[outcome][0] : null,
        closedOn: row.closedOn ?? null,
        replyLetter: row.repliedOn ? (row.replyLetter ?? null) : null,
      };
    },

    /**
     * The retention purge: applications that ended (replied or closed) more than `retentionYears` before `asOf` lose
     * the applicant's personal data and the issued letter (it names the applicant); state, kind, dates, outcome and
     * fees — the annual report's statistics — stay. One audit event per run that purged anything, with the count.
     */
    async purgePersonalData(asOf: LegalDate) {
      const cutoff = addMonths(asOf, -12 * settings().retentionYears);
      return strapi.db.transaction(async ({ trx }) => {
        const where = {
          personalDataPurgedAt: null,
          state: { $in: ['replied', 'closed'] },
          $or: [{ closedOn: { $lt: cutoff } }, { closedOn: null, repliedOn: { $lt: cutoff } }],
        };
        const rows = await applications().findMany({ where, select: ['id'] });
        if (rows.length === 0) return { purged: 0, cutoff };
        const cleared = Object.fromEntries(PERSONAL_FIELDS.map((field) => [field, null]));
        await applications().updateMany({
          where: { id: { $in: rows.map((r: { id: number }) => r.id) } },
          data: { ...cleared, replyLetter: null, personalDataPurgedAt: new Date() },
        });
        await getService('audit', strapi).append(trx, {
          actor: SYSTEM,
          actorName: '系统',
          action: 'application.personal_data_purged',
          targetUid: APPLICATION_UID,
          reason: `申请人个人信息保存期满（${settings().retentionYears} 年）`,
          data: { count: rows.length, asOf, endedBefore: cutoff },
        });
        return { purged: rows.length, cutoff };
      });
    },
  };
};
