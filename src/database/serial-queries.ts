/**
 * One query at a time per PostgreSQL connection.
 *
 * Strapi sends some reads in parallel (Promise.all) on the one connection of a transaction: the populate of relations
 * (@strapi/database query/helpers/populate/apply), a count beside a findMany. knex hands each straight to the pg
 * Client, which then queues them itself — deprecated in pg 8 (a DeprecationWarning at boot and under load) and an error
 * in pg 9. We cannot change Strapi, so config/database.ts puts this FIFO in front of each pooled connection's `query`:
 * a query reaches pg only once the previous one on that connection has completed. A connection runs one query at a
 * time anyway, so the queries wait here instead of in pg, in the same order.
 */

type Callback = (err: Error | null, result?: unknown) => void;

/**
 * What pg requires of an object passed to `query` in place of a query (a pg Query, pg-cursor, pg-query-stream).
 * pg tells it that it is finished by calling `handleReadyForQuery` or `handleError`; that is when its turn ends here.
 * (Not its 'end'/'error' events: a pg Query given a callback emits no 'error', and pg does not require an emitter.)
 */
interface Submittable {
  submit: (connection: unknown) => unknown;
  handleReadyForQuery: (connection: unknown) => void;
  handleError: (err: Error, connection?: unknown) => void;
}

export interface Queryable {
  query: (...args: any[]) => any;
}

const isSubmittable = (config: unknown): config is Submittable => typeof (config as Submittable)?.submit === 'function';

/** Wraps `client.query` in place and returns the client (the shape of a knex pool `afterCreate` step). */
export function serializeQueries<C extends Queryable>(client: C): C {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const waiting: Array<() => void> = [];
  let busy = false;

  const advance = () => {
    const start = waiting.shift();
    if (start) start();
    else busy = false;
  };
  /** A query's turn ends once, whichever completion pg reports (first) for it. */
  const turn = () => {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      advance();
    };
  };
  const enqueue = (start: () => void) => {
    if (busy) {
      waiting.push(start);
    } else {
      busy = true;
      start();
    }
  };

  client.query = ((config: unknown, values?: unknown, callback?: Callback) => {
    if (config == null) return query(config); // pg's own TypeError, at once
    if (typeof values === 'function') {
      callback = values as Callback;
      values = undefined;
    }

    if (isSubmittable(config)) {
      const end = turn();
      const { handleReadyForQuery, handleError } = config;
      config.handleReadyForQuery = function (this: Submittable, connection) {
        end();
        return handleReadyForQuery.call(this, connection);
      };
      config.handleError = function (this: Submittable, err, connection) {
        end();
        return handleError.call(this, err, connection);
      };
      enqueue(() => {
        try {
          query(config, values, callback);
        } catch (err) {
          config.handleError(err as Error);
        }
      });
      return config; // as pg does
    }

    // pg also takes the callback from the query config; it is ours to call now.
    let deliver = callback ?? (config as { callback?: Callback }).callback;
    if (deliver && typeof deliver !== 'function') throw new TypeError('callback is not a function'); // as pg, at once
    let result: Promise<unknown> | undefined;
    if (!deliver) result = new Promise((resolve, reject) => (deliver = (err, res) => (err ? reject(err) : resolve(res))));
    const end = turn();
    const complete: Callback = (err, res) => {
      end(); // first, so that a throwing callback cannot stall the connection
      deliver!(err, res);
    };
    enqueue(() => {
      try {
        query(config, values, complete);
      } catch (err) {
        complete(err as Error);
      }
    });
    return result;
  }) as C['query'];

  return client;
}
