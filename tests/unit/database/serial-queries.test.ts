import { serializeQueries } from '../../../src/database/serial-queries';

type Callback = (err: Error | null, result?: unknown) => void;

/**
 * A stand-in for pg's Client: it runs what it is handed in order, one at a time, and counts the calls that arrive
 * while something is still running (what pg 8 warns about and pg 9 refuses). `finish` completes the running one.
 */
function fakeClient() {
  const queue: Array<{ text?: string; callback?: Callback; submittable?: any }> = [];
  const client = {
    submitted: [] as string[],
    overlapping: 0,
    query(config: any, values?: unknown, callback?: Callback) {
      if (queue.length > 0) client.overlapping += 1;
      if (typeof config.submit === 'function') {
        queue.push({ submittable: config });
        config.submit('connection');
        client.submitted.push(config.text);
        return config;
      }
      if (typeof values === 'function') callback = values as Callback;
      const text = typeof config === 'string' ? config : config.text;
      queue.push({ text, callback: callback ?? config.callback });
      client.submitted.push(text);
      return undefined;
    },
    finish(err: Error | null = null) {
      const running = queue.shift()!;
      if (running.submittable) {
        if (err) running.submittable.handleError(err, 'connection');
        else running.submittable.handleReadyForQuery('connection');
      } else {
        running.callback!(err, err ? undefined : { rows: [running.text] });
      }
    },
    get running() {
      return queue.length;
    },
  };
  return client;
}

/** Lets queued callbacks and promise reactions run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('serializeQueries (one query at a time per PostgreSQL connection)', () => {
  it('hands pg one query at a time, in the order they were asked for', async () => {
    const client = fakeClient();
    serializeQueries(client);
    const answers: string[] = [];
    const pending = ['a', 'b', 'c', 'd'].map((text) => (client.query({ text, values: [] }) as Promise<any>).then((res) => answers.push(res.rows[0])));

    for (const expected of [['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]) {
      expect(client.submitted).toEqual(expected);
      expect(client.running).toBe(1);
      client.finish();
      await settle();
    }
    await Promise.all(pending);
    expect(answers).toEqual(['a', 'b', 'c', 'd']);
    expect(client.overlapping).toBe(0);
    expect(client.running).toBe(0);
  });

  it('takes the callback as knex passes it, or as the second argument, or from the query config', async () => {
    const client = fakeClient();
    serializeQueries(client);
    const got: unknown[] = [];
    expect(client.query({ text: 'a', values: [1] }, (err: Error | null, res: any) => got.push(res.rows[0]))).toBeUndefined();
    client.query('b', (err: Error | null, res: any) => got.push(res.rows[0]));
    client.query('c', [1], (err: Error | null, res: any) => got.push(res.rows[0]));
    client.query({ text: 'd', callback: (err: Error | null, res: any) => got.push(res.rows[0]) });
    for (let i = 0; i < 4; i += 1) client.finish();
    expect(got).toEqual(['a', 'b', 'c', 'd']);
    expect(client.overlapping).toBe(0);
  });

  it('delivers an error to the query that failed, and runs the next ones', async () => {
    const client = fakeClient();
    serializeQueries(client);
    const first = client.query('a') as Promise<any>;
    const failing = client.query('b') as Promise<any>;
    const byCallback: Array<[Error | null, unknown]> = [];
    client.query('c', (err: Error | null, res: any) => byCallback.push([err, res?.rows[0]]));
    client.query('d', (err: Error | null, res: any) => byCallback.push([err, res?.rows[0]]));
    const last = client.query('e') as Promise<any>;

    client.finish();
    client.finish(new Error('b failed'));
    client.finish(new Error('c failed'));
    client.finish();
    client.finish();
    await expect(first).resolves.toEqual({ rows: ['a'] });
    await expect(failing).rejects.toThrow('b failed');
    expect(byCallback).toEqual([
      [new Error('c failed'), undefined],
      [null, 'd'],
    ]);
    await expect(last).resolves.toEqual({ rows: ['e'] });
    expect(client.submitted).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(client.overlapping).toBe(0);
  });

  it('runs the next query even when a callback throws', () => {
    const client = fakeClient();
    serializeQueries(client);
    client.query('a', () => {
      throw new Error('caller bug');
    });
    client.query('b', () => undefined);
    expect(() => client.finish()).toThrow('caller bug');
    expect(client.submitted).toEqual(['a', 'b']);
  });

  it('gives an error thrown by pg on submission to that query, and goes on', async () => {
    const client = fakeClient();
    const query = client.query;
    client.query = (config: any, ...rest: any[]) => {
      if (config.text === 'bad') throw new TypeError('bad query config');
      return query(config, ...rest);
    };
    serializeQueries(client);
    client.query({ text: 'a' });
    const bad = client.query({ text: 'bad' }) as Promise<any>;
    const after = client.query({ text: 'c' }) as Promise<any>;
    client.finish();
    await expect(bad).rejects.toThrow('bad query config');
    expect(client.submitted).toEqual(['a', 'c']);
    client.finish();
    await expect(after).resolves.toEqual({ rows: ['c'] });
  });

  it('throws at once, as pg does, for a missing query or a callback that is not a function', () => {
    const client = fakeClient();
    serializeQueries(client);
    expect(() => client.query(null)).toThrow(TypeError);
    expect(() => client.query({ text: 'a', callback: 'nope' })).toThrow('callback is not a function');
    expect(client.submitted).toEqual([]);
  });

  it('queues submittables (cursors, streams) too: the next query waits until pg reports one finished or failed', () => {
    const client = fakeClient();
    serializeQueries(client);
    const seen: string[] = [];
    const cursor = (text: string) => ({
      text,
      submit: () => seen.push(`${text} submitted`),
      handleReadyForQuery: () => seen.push(`${text} done`),
      handleError: (err: Error) => seen.push(`${text} ${err.message}`),
    });
    const a = cursor('a');
    expect(client.query(a)).toBe(a);
    client.query(cursor('b'));
    client.query('c', (err: Error | null) => seen.push(`c ${err ? 'failed' : 'done'}`));
    expect(seen).toEqual(['a submitted']);
    // The turn passes before the submittable's own handler runs, so that a throwing handler cannot stall the connection.
    client.finish();
    expect(seen).toEqual(['a submitted', 'b submitted', 'a done']);
    client.finish(new Error('failed'));
    expect(seen).toEqual(['a submitted', 'b submitted', 'a done', 'b failed']);
    expect(client.submitted).toEqual(['a', 'b', 'c']);
    client.finish();
    expect(seen.at(-1)).toBe('c done');
    expect(client.overlapping).toBe(0);
  });

  it('ends a submittable\'s turn once, when pg reports both an error and ready-for-query', () => {
    const client = fakeClient();
    serializeQueries(client);
    const cursor = { text: 'a', submit: () => undefined, handleReadyForQuery: () => undefined, handleError: () => undefined };
    client.query(cursor);
    client.query('b', () => undefined);
    client.query('c', () => undefined);
    cursor.handleError(new Error('x'));
    cursor.handleReadyForQuery();
    expect(client.submitted).toEqual(['a', 'b']);
  });
});
