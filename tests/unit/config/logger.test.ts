import { Writable } from 'stream';
import { winston } from '@strapi/logger';
import loggerConfig from '../../../config/logger';
import { requestLogContext } from '../../../src/plugins/disclosure/server/src/utils/request-context';

const envOf = (values: Record<string, string | undefined>) => {
  const env: any = (name: string, fallback?: unknown) => values[name] ?? fallback;
  return env;
};

/** The app's logger configuration, writing to memory instead of the console. */
function capture(values: Record<string, string | undefined>) {
  const lines: string[] = [];
  const config = loggerConfig({ env: envOf(values) } as any);
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = winston.createLogger({ level: config.level, levels: { error: 0, warn: 1, info: 2, http: 3, verbose: 4, debug: 5, silly: 6 }, format: config.format, transports: [new winston.transports.Stream({ stream })] });
  return { logger, lines };
}

describe('log format', () => {
  it('LOG_FORMAT=json writes one JSON object per line, with the request id of the request being served', async () => {
    const { logger, lines } = capture({ LOG_FORMAT: 'json', LOG_LEVEL: 'http' });
    logger.info('启动完成');
    await requestLogContext.run({ requestId: 'abc-123', method: 'GET', path: '/api/disclosure/ready' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.http('GET /api/disclosure/ready (4 ms) 503');
    });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), level: 'info', message: '启动完成' },
      { time: expect.any(String), level: 'http', message: 'GET /api/disclosure/ready (4 ms) 503', requestId: 'abc-123', method: 'GET', path: '/api/disclosure/ready', status: 503, durationMs: 4 },
    ]);
  });

  it('stays human-readable by default, for development', () => {
    const { logger, lines } = capture({ LOG_LEVEL: 'info' });
    logger.info('启动完成');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] .*info.*: 启动完成$/);
  });

  it('refuses an unknown format instead of silently logging something else', () => {
    expect(() => loggerConfig({ env: envOf({ LOG_FORMAT: 'xml' }) } as any)).toThrow('LOG_FORMAT must be "pretty" or "json"');
  });
});
