import http from 'http';
import os from 'os';
import path from 'path';
import { AddressInfo } from 'net';
import { createRefs, payloads, Refs, release } from '../../helpers';
import { allowWebhookReceiver, createSite } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * Two instances deliver webhooks. One sends a delivery and stalls past its lease; the other reclaims the delivery and
 * delivers it. When the first one's answer finally comes back (a failure), it must not overwrite the second's
 * result: the consumer site got the event, and the outbox must say so rather than schedule a needless retry.
 */
let app: TestApp;
let refs: Refs;
let receiver: http.Server;
let disallowReceiver: (() => void) | undefined;
const held: http.ServerResponse[] = [];
let requests = 0;

const ITEM = 'api::disclosure-item.disclosure-item';
const DELIVERIES = 'disclosure_webhook_deliveries';

beforeAll(async () => {
  // The first request stalls (its answer is sent when the test says so); later ones succeed.
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      if (requests === 1) held.push(res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  disallowReceiver = allowWebhookReceiver((receiver.address() as AddressInfo).port);
  app = await startApp();
  refs = await createRefs(app.strapi);
  await createSite(app, { organizations: [refs.org.documentId], webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
});
afterAll(async () => {
  disallowReceiver?.();
  held.forEach((res) => res.destroy());
  await app?.stop();
  receiver?.close();
});

/** A dispatcher as another instance would run it: same code, its own worker id (the id is built from the host name). */
function instance(host: string) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { default: dispatcher } = require(path.join(__dirname, '../../../dist/src/plugins/disclosure/server/src/services/webhooks'));
  const spy = jest.spyOn(os, 'hostname').mockReturnValue(host);
  try {
    return dispatcher({ strapi: app.strapi });
  } finally {
    spy.mockRestore();
  }
}

const until = async (condition: () => boolean | Promise<boolean>) => {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('two webhook dispatchers', () => {
  it('a worker whose lease ran out mid-send does not overwrite the result of the worker that took over', async () => {
    const first = instance('instance-a');
    const second = instance('instance-b');
    expect(first.workerId).not.toBe(second.workerId);

    const doc = await app.strapi.documents(ITEM).create({ data: payloads(refs)[ITEM]('租约过期的推送') });
    await release(app.strapi, ITEM, doc.documentId);
    const rows = () => app.strapi.db.connection(DELIVERIES).select('*');
    expect(await rows()).toHaveLength(1);

    // The first instance claims the delivery and sends it; the receiver holds the request.
    const firstTick = first.tick();
    await until(() => held.length === 1);
    const [claimed] = await rows();
    expect(claimed).toMatchObject({ status: 'running', worker: first.workerId });

    // Its lease runs out (moved into the past rather than waited for: the lease is the timeout plus 30 s).
    await app.strapi.db.connection(DELIVERIES).where({ id: claimed.id }).update({ lease_until: new Date(Date.now() - 1000) });
    expect(await second.tick()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'delivered', worker: second.workerId, last_status_code: 200 });

    // The first instance's answer finally arrives, a failure: its late settle must change nothing.
    held[0].writeHead(503).end();
    expect(await firstTick).toBe(0);
    expect((await rows())[0]).toMatchObject({ status: 'delivered', worker: second.workerId, last_status_code: 200, last_error: null, lease_until: null });
    expect(requests).toBe(2);
  });
});
