import { AsyncLocalStorage } from 'async_hooks';
import type { RequestLogContext } from '../domain/operations';

/**
 * The request a piece of code runs for, as the log sees it: set by the request-id middleware, read by the JSON log
 * format (config/logger.ts), so every line logged while serving a request carries its id. One module instance per
 * process (config/logger.ts and the plugin load the same compiled file).
 */
export const requestLogContext = new AsyncLocalStorage<RequestLogContext>();

export const currentRequest = (): RequestLogContext | undefined => requestLogContext.getStore();
