import { z } from 'zod';

/** The annual-report routes' request shapes (controllers/annual-report-admin.ts and the consumer export). */
export const FORMATS = ['json', 'html', 'xlsx'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const exportQuery = z
  .object({
    format: z.enum(FORMATS).default('json'),
    scope: z.enum(['subtree', 'alone']).optional(),
  })
  .strict();

export const websiteQuery = exportQuery;

export const consumerExportQuery = z.object({ format: z.enum(FORMATS).default('json') }).strict();

export const explanationBody = z
  .object({
    key: z.string().trim().min(1).max(300),
    note: z.string().trim().min(1).max(2000),
  })
  .strict();
