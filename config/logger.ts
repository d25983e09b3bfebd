import type { Core } from '@strapi/strapi';
import { winston, formats } from '@strapi/logger';

// Level from env: tests run with LOG_LEVEL=error so request logs do not drown their output.
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'http'),
  format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
  transports: [new winston.transports.Console()],
});
