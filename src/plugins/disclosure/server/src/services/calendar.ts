import type { Core } from '@strapi/strapi';
import { CALENDAR_DAY_UID } from '../constants';
import { buildCalendar, OFFICIAL_CALENDAR, WorkingCalendar, yearsWithoutNotice } from '../domain/calendar';
import { legalYear } from '../domain/legal-date';

/**
 * The working-day calendar from the calendar-day table (seeded with the official
 * 2024–2026 notices), cached until an administrator changes a day.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: WorkingCalendar | null = null;

  return {
    async get(): Promise<WorkingCalendar> {
      if (cached) return cached;
      const rows = await strapi.db.query(CALENDAR_DAY_UID).findMany({ select: ['date', 'kind', 'name', 'source'] });
      cached = buildCalendar(rows.map((r: any) => ({ date: String(r.date).slice(0, 10), kind: r.kind, name: r.name, source: r.source ?? undefined })));
      return cached;
    },

    invalidate() {
      cached = null;
    },

    /** First run: the built-in official days. */
    async seed() {
      if ((await strapi.db.query(CALENDAR_DAY_UID).count()) > 0) return;
      await strapi.db.query(CALENDAR_DAY_UID).createMany({ data: [...OFFICIAL_CALENDAR.days.values()] });
      this.invalidate();
    },

    /** Years from this one to next with no notice entered (the admin banner). */
    async missingYears(now = new Date()) {
      const year = legalYear(now);
      return yearsWithoutNotice(year, year + 1, await this.get());
    },
  };
};
