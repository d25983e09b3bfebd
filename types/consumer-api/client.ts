/**
 * Typed client for the Gongkai consumer API (政务公开内容接口). Types come from schema.d.ts, generated from the
 * server's OpenAPI document (npm run sdk:generate); a test checks both are current and runs this client against a
 * live server. No dependencies: uses the platform's fetch (Node ≥ 18, browsers).
 *
 *   const client = new GongkaiClient({ baseUrl: 'https://gk.example.gov.cn', token: process.env.GONGKAI_TOKEN });
 *   const { data } = await client.list('policies', { category: 'zcwj', pageSize: 50 });
 *   for await (const event of client.replayFeed()) mirror.apply(event);
 *   // Menus and filters too: organizations, categories and topics as the feed leaves them.
 *   const taxonomy = emptyTaxonomy();
 *   for await (const event of client.replayFeed(undefined, 500, { taxonomy })) if (isEntryEvent(event)) mirror.apply(event);
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];
export type ConsumerType = Schemas['EntrySummary']['type'];
export type Entry = Schemas['Entry'];
export type FeedEvent = Schemas['FeedEvent'];
/** An organization, category or topic created, changed (renamed, moved) or deleted: in the feed with include=taxonomy. */
export type TaxonomyEvent = Schemas['TaxonomyEvent'];
export type AnyFeedEvent = FeedEvent | TaxonomyEvent;
export type TaxonomyName = TaxonomyEvent['taxonomy'];
export interface TaxonomyItemOf {
  organizations: Schemas['Organization'];
  categories: Schemas['Category'];
  topics: Schemas['Topic'];
}
/** Reference data by documentId, as a replay of the feed leaves it (the same as /organizations, /categories, /topics). */
export type TaxonomyState = { [K in TaxonomyName]: Map<string, TaxonomyItemOf[K]> };

export const emptyTaxonomy = (): TaxonomyState => ({ organizations: new Map(), categories: new Map(), topics: new Map() });
export const isTaxonomyEvent = (event: AnyFeedEvent): event is TaxonomyEvent => 'taxonomy' in event;
export const isEntryEvent = (event: AnyFeedEvent): event is FeedEvent => !('taxonomy' in event);

/** Applies a taxonomy event: created/updated put the item, deleted removes it. */
export function applyTaxonomyEvent(state: TaxonomyState, event: TaxonomyEvent): void {
  const map = state[event.taxonomy] as Map<string, unknown>;
  if (event.event === 'taxonomy.deleted' || event.item === null) map.delete(event.documentId);
  else map.set(event.documentId, event.item);
}

export interface ReplayOptions {
  /**
   * Taxonomy events too (include=taxonomy): each is applied to this state (when given) before it is yielded, so
   * after the replay it holds the site's organizations, categories and topics.
   */
  taxonomy?: TaxonomyState | true;
  /** Called for each taxonomy event (after it is applied to `taxonomy`). */
  onTaxonomy?: (event: TaxonomyEvent) => void;
}
export type Tombstone = Schemas['Tombstone'];

export interface ItemOf {
  policies: Schemas['PoliciesItem'];
  interpretations: Schemas['InterpretationsItem'];
  'dual-publicity-records': Schemas['DualPublicityRecordsItem'];
  'procurement-notices': Schemas['ProcurementNoticesItem'];
  'recruitment-notices': Schemas['RecruitmentNoticesItem'];
  'disclosure-items': Schemas['DisclosureItemsItem'];
  'annual-reports': Schemas['AnnualReportsItem'];
}
export interface DetailOf {
  policies: Schemas['PoliciesDetail'];
  interpretations: Schemas['InterpretationsDetail'];
  'dual-publicity-records': Schemas['DualPublicityRecordsDetail'];
  'procurement-notices': Schemas['ProcurementNoticesDetail'];
  'recruitment-notices': Schemas['RecruitmentNoticesDetail'];
  'disclosure-items': Schemas['DisclosureItemsDetail'];
  'annual-reports': Schemas['AnnualReportsDetail'];
}

export type ListQuery = NonNullable<paths['/disclosure-items']['get']['parameters']['query']>;
export type PolicyListQuery = NonNullable<paths['/policies']['get']['parameters']['query']>;
export type EntriesQuery = NonNullable<paths['/entries']['get']['parameters']['query']>;
export type SearchQuery = NonNullable<paths['/search']['get']['parameters']['query']>;
export type SearchHit = Schemas['SearchHit'];
export interface SearchPage {
  data: SearchHit[];
  meta: { pagination: Schemas['SearchPagination'] };
}
export interface Page<T> {
  data: T[];
  meta: { pagination: Schemas['Pagination'] };
}

/** A refusal from the API, in its one error shape: HTTP status, stable code, Chinese message, and the tombstone of a withdrawn entry (410). */
export class GongkaiApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly tombstone: Tombstone | null = null
  ) {
    super(message);
    this.name = 'GongkaiApiError';
  }
}

export interface ClientOptions {
  /** Server origin, e.g. https://gk.example.gov.cn (the client adds /api/disclosure). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Revalidate repeated requests with If-None-Match and reuse the body on 304 (default true). */
  conditional?: boolean;
}

export class GongkaiClient {
  private readonly base: string;
  private readonly fetcher: typeof fetch;
  private readonly cache = new Map<string, { etag: string; body: unknown }>();

  constructor(private readonly options: ClientOptions) {
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/api/disclosure`;
    this.fetcher = options.fetch ?? fetch;
  }

  site(): Promise<{ data: Schemas['Site'] }> {
    return this.get('/site');
  }
  organizations(): Promise<{ data: Schemas['Organization'][] }> {
    return this.get('/organizations');
  }
  categories(): Promise<{ data: Schemas['Category'][] }> {
    return this.get('/categories');
  }
  topics(): Promise<{ data: Schemas['Topic'][] }> {
    return this.get('/topics');
  }
  entries(query: EntriesQuery = {}): Promise<Page<Schemas['EntrySummary']>> {
    return this.get('/entries', query);
  }
  /** Full-text search, ranked; `snippet` is escaped HTML with <mark> around the hits. */
  search(query: SearchQuery): Promise<SearchPage> {
    return this.get('/search', query);
  }
  list<T extends ConsumerType>(type: T, query: T extends 'policies' ? PolicyListQuery : ListQuery = {}): Promise<Page<ItemOf[T]>> {
    return this.get(`/${type}`, query);
  }
  async entry<T extends ConsumerType>(type: T, documentId: string): Promise<DetailOf[T]> {
    return (await this.get<{ data: DetailOf[T] }>(`/${type}/${encodeURIComponent(documentId)}`)).data;
  }
  async entryBySlug<T extends ConsumerType>(type: T, slug: string): Promise<DetailOf[T]> {
    return (await this.get<{ data: DetailOf[T] }>(`/${type}/by-slug/${encodeURIComponent(slug)}`)).data;
  }
  async entryByIndexNumber<T extends ConsumerType>(type: T, indexNumber: string): Promise<DetailOf[T]> {
    return (await this.get<{ data: DetailOf[T] }>(`/${type}/by-index-number/${encodeURIComponent(indexNumber)}`)).data;
  }
  feed(query: { since?: string; limit?: number; include?: 'taxonomy' } = {}): Promise<Schemas['FeedPage']> {
    return this.get('/feed', query);
  }

  /**
   * Every feed event after `since` (from the start when omitted), page by page, in commit order. Without options,
   * entry events only (as always); with `taxonomy` or `onTaxonomy`, taxonomy events too, applied to the state given.
   */
  replayFeed(since?: string, limit?: number): AsyncGenerator<FeedEvent>;
  replayFeed(since: string | undefined, limit: number | undefined, options: ReplayOptions): AsyncGenerator<AnyFeedEvent>;
  async *replayFeed(since?: string, limit = 500, options: ReplayOptions = {}): AsyncGenerator<AnyFeedEvent> {
    const taxonomy = options.taxonomy !== undefined || options.onTaxonomy !== undefined;
    const state = typeof options.taxonomy === 'object' ? options.taxonomy : null;
    let cursor = since;
    for (;;) {
      const page = await this.feed({ ...(cursor ? { since: cursor } : {}), limit, ...(taxonomy ? { include: 'taxonomy' as const } : {}) });
      for (const event of page.data) {
        if (isTaxonomyEvent(event)) {
          if (state) applyTaxonomyEvent(state, event);
          options.onTaxonomy?.(event);
        }
        yield event;
      }
      cursor = page.meta.cursor;
      if (!page.meta.hasMore) return;
    }
  }

  /** The site's organizations, categories and topics as the feed (from `since`, onto `state`) leaves them, and the cursor to go on from. */
  async replayTaxonomy(since?: string, state: TaxonomyState = emptyTaxonomy()): Promise<{ taxonomy: TaxonomyState; cursor: string | undefined }> {
    let cursor = since;
    for (;;) {
      const page = await this.feed({ ...(cursor ? { since: cursor } : {}), limit: 500, include: 'taxonomy' });
      for (const event of page.data) if (isTaxonomyEvent(event)) applyTaxonomyEvent(state, event);
      cursor = page.meta.cursor;
      if (!page.meta.hasMore) return { taxonomy: state, cursor };
    }
  }

  private async get<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(key, String(value));
    const url = `${this.base}${path}${search.size ? `?${search}` : ''}`;
    const cached = this.options.conditional === false ? undefined : this.cache.get(url);
    const response = await this.fetcher(url, {
      headers: { Authorization: `Bearer ${this.options.token}`, Accept: 'application/json', ...(cached ? { 'If-None-Match': cached.etag } : {}) },
    });
    if (response.status === 304 && cached) return cached.body as T;
    const body: any = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body?.error;
      throw new GongkaiApiError(response.status, error?.details?.code ?? 'HTTP_ERROR', error?.message ?? `HTTP ${response.status}`, error?.details?.tombstone ?? null);
    }
    const etag = response.headers.get('etag');
    if (etag && this.options.conditional !== false) this.cache.set(url, { etag, body });
    return body as T;
  }
}
