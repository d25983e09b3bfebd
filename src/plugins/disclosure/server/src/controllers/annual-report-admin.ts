import type { Core } from '@strapi/strapi';
import { annualReportTitle, renderAnnualReportHtml, renderWebsiteReportHtml } from '../domain/annual-report-html';
import { annualReportXlsx, websiteReportXlsx } from '../domain/annual-report-xlsx';
import type { AnnualReportJson, WebsiteReportJson } from '../domain/annual-report';
import type { ReportTexts } from '../services/annual-reports';
import { getService } from '../utils/get-service';
import { parseOr400 } from '../validation';
import { explanationBody, ExportFormat, exportQuery, websiteQuery } from '../validation/annual-reports';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
const disposition = (filename: string) => `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** Answers a report as JSON (the exact export shape), printable HTML or XLSX. */
export async function sendReport(ctx: any, format: ExportFormat, report: AnnualReportJson, texts: ReportTexts, filename: string) {
  ctx.set('Cache-Control', 'no-store');
  if (format === 'html') {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderAnnualReportHtml(report, texts);
  } else if (format === 'xlsx') {
    ctx.type = XLSX;
    ctx.set('Content-Disposition', disposition(`${filename}.xlsx`));
    ctx.body = await annualReportXlsx(report, texts);
  } else {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = report;
  }
}

async function sendWebsite(ctx: any, format: ExportFormat, report: WebsiteReportJson, texts: { organizationName: string }, filename: string) {
  ctx.set('Cache-Control', 'no-store');
  if (format === 'html') {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderWebsiteReportHtml(report, texts);
  } else if (format === 'xlsx') {
    ctx.type = XLSX;
    ctx.set('Content-Disposition', disposition(`${filename}.xlsx`));
    ctx.body = await websiteReportXlsx(report, texts);
  } else {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = report;
  }
}

/** 年度报告 admin API under /disclosure/annual-reports: the service scopes every read and write by organization. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const member = (ctx: any) => getService('staff', strapi).resolve(ctx.state.user);
  const reports = () => getService('annual-reports', strapi);

  return {
    async list(ctx: any) {
      ctx.body = await reports().list(await member(ctx));
    },

    async export(ctx: any) {
      const query = parseOr400(exportQuery, ctx.query, 'query');
      const found = await reports().lookup(ctx.params.organizationDocumentId, ctx.params.year, await member(ctx), query.scope);
      const code = found.organization.code ?? found.organization.documentId;
      ctx.set('X-Report-Title', encodeURIComponent(annualReportTitle(found.report, found.texts)));
      await sendReport(ctx, query.format, found.report, found.texts, `${found.year}-${code}-annual-report`);
    },

    async website(ctx: any) {
      const query = parseOr400(websiteQuery, ctx.query, 'query');
      const found = await reports().website(ctx.params.organizationDocumentId, ctx.params.year, await member(ctx), query.scope);
      const code = found.organization.code ?? found.organization.documentId;
      await sendWebsite(ctx, query.format, found.report, { organizationName: found.organization.name }, `${found.year}-${code}-website-report`);
    },

    async generate(ctx: any) {
      ctx.body = { data: await reports().generate(ctx.params.documentId, await member(ctx)) };
    },

    async versions(ctx: any) {
      ctx.body = { data: await reports().versions(ctx.params.documentId, await member(ctx)) };
    },

    async explain(ctx: any) {
      const body = parseOr400(explanationBody, ctx.request.body, 'body');
      ctx.body = { data: await reports().explain(ctx.params.documentId, body, await member(ctx)) };
    },
  };
};
