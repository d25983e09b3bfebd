import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** Probes for load balancers and orchestrators: no auth, no rate limit (domain/rate-limit.ts), never cached. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Liveness: the process answers HTTP. Touches nothing else, so a slow database does not get instances killed. */
  async health(ctx: any) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  },

  /** Readiness: the database answers, the migrations have run, the working-day calendar is entered. */
  async ready(ctx: any) {
    ctx.set('Cache-Control', 'no-store');
    const reasons = await getService('operations', strapi).notReadyReasons();
    ctx.status = reasons.length ? 503 : 200;
    ctx.body = reasons.length ? { status: 'not_ready', reasons } : { status: 'ready' };
  },
});
