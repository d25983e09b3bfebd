import type { Core } from '@strapi/strapi';
import { winston, formats } from '@strapi/logger';
import { jsonLogRecord } from '../src/plugins/disclosure/server/src/domain/operations';
import { currentRequest } from '../src/plugins/disclosure/server/src/utils/request-context';

/**
 * One JSON object per line, for log collectors (LOG_FORMAT=json): time, level, message, and within a request its
 * requestId, method and path; the access line also has status and durationMs.
 */
const jsonLines = winston.format.printf((info) => JSON.stringify(jsonLogRecord(info as any, currentRequest())));

// Level from env: tests run with LOG_LEVEL=error so request logs do not drown their output. Pretty output unless
// LOG_FORMAT=json.
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const format = env('LOG_FORMAT', 'pretty');
  if (format !== 'pretty' && format !== 'json') throw new Error(`LOG_FORMAT must be "pretty" or "json", got "${format}"`);
  return {
    level: env('LOG_LEVEL', 'http'),
    format: format === 'json' ? jsonLines : formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
    transports: [new winston.transports.Console()],
  };
};
