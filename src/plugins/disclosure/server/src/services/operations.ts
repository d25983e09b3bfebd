import type { Core } from '@strapi/strapi';
import fs from 'fs';
import { CALENDAR_DAY_UID, PLUGIN_ID } from '../constants';
import { legalYear } from '../domain/legal-date';
import { NotReadyReason, notReady, pendingMigrations } from '../domain/operations';
import { searchLocaleProblem } from './search';

/** A load balancer probes often and from few addresses: one check per this many ms serves every probe meanwhile. */
const READY_CACHE_MS = 2000;
/** A database that does not answer within this is unreachable for the balancer's purposes (the pool would wait 60 s). */
const DATABASE_TIMEOUT_MS = 3000;

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/**
 * Liveness and readiness of this instance, for load balancers and orchestrators. Readiness answers with reason codes
 * only, never the error behind them: anyone may call it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let last: { at: number; answer: Promise<NotReadyReason[]> } | null = null;

  async function migrationsPending(): Promise<number> {
    const dir = (strapi.db.config as any).settings?.migrations?.dir as string | undefined;
    const files = dir && fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    // No table yet: nothing has run.
    const recorded = await Promise.resolve(strapi.db.getConnection('strapi_migrations').select('name'))
      .then((rows: { name: string }[]) => rows.map((row) => row.name))
      .catch(() => [] as string[]);
    return pendingMigrations(files, recorded).length;
  }

  /** This legal year and the next must each have at least one day entered (the calendar's own definition of entered). */
  async function calendarMissingYears(now: Date): Promise<number[]> {
    const year = legalYear(now);
    const years = (strapi.plugin(PLUGIN_ID).config('readiness') as { calendarNextYear?: boolean } | undefined)?.calendarNextYear === false ? [year] : [year, year + 1];
    const missing: number[] = [];
    for (const y of years) {
      // Straight from the table, not the calendar service's cache: another instance may have entered the year.
      const count = await strapi.db.query(CALENDAR_DAY_UID).count({ where: { date: { $gte: `${y}-01-01`, $lte: `${y}-12-31` } } });
      if (count === 0) missing.push(y);
    }
    return missing;
  }

  async function check(now: Date): Promise<NotReadyReason[]> {
    try {
      await withTimeout(Promise.resolve(strapi.db.connection.raw('SELECT 1')), DATABASE_TIMEOUT_MS);
    } catch {
      return [notReady.database()];
    }
    const reasons: NotReadyReason[] = [];
    try {
      const pending = await withTimeout(migrationsPending(), DATABASE_TIMEOUT_MS);
      if (pending > 0) reasons.push(notReady.migrations(pending));
      const missing = await withTimeout(calendarMissingYears(now), DATABASE_TIMEOUT_MS);
      if (missing.length) reasons.push(notReady.calendar(missing));
    } catch {
      return [notReady.database()];
    }
    const locale = searchLocaleProblem();
    if (locale) reasons.push(notReady.searchLocale(locale));
    return reasons;
  }

  return {
    /** Reasons this instance should not take traffic; none means ready. */
    async notReadyReasons(now = new Date()): Promise<NotReadyReason[]> {
      if (!last || Date.now() - last.at > READY_CACHE_MS) {
        last = { at: Date.now(), answer: check(now) };
      }
      return last.answer;
    },

    /** Forget the cached answer (tests, and after an administrator enters calendar days). */
    invalidate() {
      last = null;
    },
  };
};
