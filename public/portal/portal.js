/*
 * 政府信息公开 — reference portal for the consumer API (docs/consumer-api.md).
 * Plain ES2020, no dependencies. Every piece of content from the API is inserted as text
 * (textContent / createTextNode), never as HTML.
 */
(() => {
  'use strict';

  const TOKEN_KEY = 'gongkai.portal.token';
  const PAGE_SIZE = 20;
  const ENTRY_TYPES = {
    policies: '政策文件',
    interpretations: '政策解读',
    'dual-publicity-records': '双公示',
    'procurement-notices': '政府采购',
    'recruitment-notices': '招录招聘',
    'disclosure-items': '其他主动公开信息',
    'annual-reports': '政府信息公开年报',
  };

  const config = (typeof window.GONGKAI_PORTAL === 'object' && window.GONGKAI_PORTAL) || {};

  /* ------------------------------------------------------------------ token & API base */

  /** The consumer API prefix: config.apiBase may be a server origin or the full /api/disclosure prefix. */
  function apiBase() {
    let base = typeof config.apiBase === 'string' ? config.apiBase.trim() : '';
    base = base.replace(/\/+$/, '');
    if (!/\/api\/disclosure$/.test(base)) base += '/api/disclosure';
    return base;
  }

  let memoryToken = null;

  function storeToken(token) {
    memoryToken = token;
    try {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } catch (e) {
      /* storage disabled: keep it in memory for this page */
    }
  }

  function storedToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  /**
   * Accepts "#token=…" and "#/route?token=…": stores the token and removes it from the address bar
   * (replaceState: no history entry keeps it).
   */
  function takeTokenFromFragment() {
    const raw = window.location.hash.replace(/^#/, '');
    if (!/(^|[?&])token=/.test(raw)) return;
    let path = '';
    let query = raw;
    if (raw.startsWith('/')) {
      const i = raw.indexOf('?');
      path = i === -1 ? raw : raw.slice(0, i);
      query = i === -1 ? '' : raw.slice(i + 1);
    }
    const params = new URLSearchParams(query);
    const token = (params.get('token') || '').trim();
    params.delete('token');
    if (token) storeToken(token);
    const rest = params.toString();
    const hash = `#${path || '/'}${rest ? `?${rest}` : ''}`;
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
  }

  function token() {
    return memoryToken || storedToken() || (typeof config.token === 'string' && config.token.trim()) || null;
  }

  /* ------------------------------------------------------------------ API client */

  class ApiError extends Error {
    constructor(status, code, message, details) {
      super(message || code || `HTTP ${status}`);
      this.status = status;
      this.code = code;
      this.details = details || {};
    }
  }

  async function api(path, params) {
    const bearer = token();
    if (!bearer) throw new ApiError(401, 'NO_TOKEN');
    const url = new URL(apiBase() + path, window.location.href);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    let response;
    try {
      response = await fetch(url.toString(), {
        headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
        credentials: 'omit',
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const error = (body && body.error) || {};
      const details = error.details || {};
      throw new ApiError(response.status, details.code || error.code || error.name, error.message, details);
    }
    return body;
  }

  /* ------------------------------------------------------------------ DOM helpers */

  /** h('a', { href, class, data-x }, child…): strings become text nodes; null/false children are skipped. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  /** Only http(s) URLs and same-origin paths become links. */
  function safeUrl(value) {
    if (typeof value !== 'string' || !value) return null;
    if (/^\/(?!\/)/.test(value)) return value;
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
    } catch (e) {
      return null;
    }
  }

  /** Uploaded files (e.g. "/uploads/…") live on the API's server, which need not be the portal's. */
  function assetUrl(value) {
    const safe = safeUrl(value);
    if (!safe || !safe.startsWith('/')) return safe;
    try {
      return new URL(safe, new URL(apiBase(), window.location.href)).toString();
    } catch (e) {
      return safe;
    }
  }

  const beijingDateTime = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const beijingDate = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

  function parts(formatter, date) {
    const p = {};
    for (const { type, value } of formatter.formatToParts(date)) p[type] = value;
    return p;
  }

  /** "2026-03-05" stays as is; an ISO datetime is shown in Beijing time. */
  function formatDate(value, withTime) {
    if (!value) return '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    if (withTime) {
      const p = parts(beijingDateTime, date);
      return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
    }
    const p = parts(beijingDate, date);
    return `${p.year}-${p.month}-${p.day}`;
  }

  function timeEl(value, withTime) {
    const text = formatDate(value, withTime);
    return text ? h('time', { datetime: value }, text) : null;
  }

  /**
   * Markdown / rich text rendered as plain text blocks: headings (as the given level and below), lists and
   * paragraphs. Inline markup is reduced to its text; nothing is ever parsed as HTML.
   */
  function richText(source, headingLevel) {
    const container = h('div', { class: 'rich-text' });
    if (typeof source !== 'string' || !source.trim()) return container;
    const inline = (text) =>
      text
        .replace(/!\[([^\]]*)\]\(([^)]*)\)/g, '$1')
        .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '$1（$2）')
        .replace(/<[^>]*>/g, '')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
        .trim();
    const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
    // The shallowest markdown heading becomes headingLevel, so the page's heading order has no gaps.
    const depths = blocks.map((b) => /^\s{0,3}(#{1,6})\s/.exec(b.trimStart())).filter(Boolean).map((m) => m[1].length);
    const top = depths.length ? Math.min(...depths) : 1;
    let previous = headingLevel - 1;
    const levelFor = (hashes) => {
      const level = Math.min(6, previous + 1, headingLevel + hashes.length - top);
      previous = level;
      return level;
    };
    for (const block of blocks) {
      const lines = block.split('\n').filter((line) => line.trim());
      if (!lines.length) continue;
      const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(lines[0]);
      if (heading) {
        container.appendChild(h(`h${levelFor(heading[1])}`, {}, inline(heading[2])));
        lines.shift();
        if (!lines.length) continue;
      }
      const bullet = /^\s*[-*+]\s+/;
      const numbered = /^\s*\d+[.)、]\s+/;
      if (lines.every((line) => bullet.test(line))) {
        container.appendChild(h('ul', {}, lines.map((line) => h('li', {}, inline(line.replace(bullet, ''))))));
      } else if (lines.every((line) => numbered.test(line))) {
        container.appendChild(h('ol', {}, lines.map((line) => h('li', {}, inline(line.replace(numbered, ''))))));
      } else {
        const text = lines.map((line) => inline(line.replace(/^\s*>\s?/, ''))).join('\n');
        if (text) container.appendChild(h('p', {}, text));
      }
    }
    return container;
  }

  /* ------------------------------------------------------------------ page chrome */

  const view = () => document.getElementById('view');
  const statusRegion = () => document.getElementById('status');
  let siteName = '';

  /** Loading is shown; "loaded" is only for screen readers (the page's own heading says it). */
  function announce(text, visible) {
    const region = statusRegion();
    region.textContent = text;
    region.classList.toggle('visually-hidden', !visible);
  }

  function setTitle(title) {
    document.title = [title, '政府信息公开', siteName].filter(Boolean).join(' - ');
  }

  function markNav(key) {
    for (const link of document.querySelectorAll('#site-nav a[data-nav]')) {
      if (link.getAttribute('data-nav') === key) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  /** A page: one section with an h2 (focused after in-app navigation, so screen readers start there). */
  function page(id, title, ...children) {
    return h(
      'section',
      { id, class: 'page', 'aria-labelledby': `${id}-title` },
      h('h2', { id: `${id}-title`, tabindex: '-1' }, title),
      children,
    );
  }

  function notice(kind, title, ...text) {
    return h('div', { class: `notice notice-${kind}`, role: kind === 'error' || kind === 'withdrawn' ? 'alert' : null }, title ? h('p', { class: 'notice-title' }, title) : null, text.map((t) => (t instanceof Node ? t : h('p', {}, t))));
  }

  function errorNotice(error) {
    if (error.status === 401 || error.code === 'NO_TOKEN') {
      if (error.code === 'NO_TOKEN' || error.code === 'CONSUMER_TOKEN_REQUIRED') {
        return notice(
          'error',
          '未配置访问令牌',
          '本页面需要接入网站的访问令牌才能读取政府信息。请由网站管理员在地址后加上 #token=（令牌），或在 config.js 中配置 window.GONGKAI_PORTAL = { token }。',
        );
      }
      return notice('error', '访问令牌无效或已失效', '令牌可能已被轮换或吊销。请联系网站管理员获取新的访问令牌。');
    }
    if (error.code === 'NO_ROUTE') return notice('error', '页面不存在', '您访问的页面不存在，请通过栏目导航浏览。');
    if (error.status === 404) return notice('error', '未找到该信息', '该信息不存在，或不在本网站的公开范围内。');
    if (error.status === 410) return notice('withdrawn', '该信息已撤回');
    if (error.status === 400) return notice('error', '请求有误', error.message || '请检查输入后重试。');
    if (error.status === 0) return notice('error', '无法连接到内容接口', '请检查网络连接后刷新页面重试。');
    return notice('error', '读取信息时出错', `服务暂时不可用（${error.status}），请稍后重试。`);
  }

  /* ------------------------------------------------------------------ entries */

  function entryHref(entry) {
    if (entry.type === 'annual-reports') return `#/annual-reports/${encodeURIComponent(entry.documentId)}`;
    return `#/entry/${encodeURIComponent(entry.type)}/${encodeURIComponent(entry.documentId)}`;
  }

  function entryLink(entry, attrs) {
    return h(
      'a',
      { href: entryHref(entry), class: 'entry-link', 'data-document-id': entry.documentId, 'data-type': entry.type, ...(attrs || {}) },
      entry.title || entry.indexNumber || entry.documentId,
    );
  }

  function entryMeta(entry, extra) {
    const items = [
      entry.typeLabel || ENTRY_TYPES[entry.type] ? ['类别', entry.typeLabel || ENTRY_TYPES[entry.type]] : null,
      entry.indexNumber ? ['索引号', entry.indexNumber] : null,
      entry.documentNumber ? ['文号', entry.documentNumber] : null,
      entry.organization && entry.organization.name ? ['发布机构', entry.organization.name] : null,
      entry.releasedOn || entry.releasedAt ? ['首次发布日期', timeEl(entry.releasedOn || entry.releasedAt)] : null,
      ...(extra || []),
    ].filter(Boolean);
    return h(
      'p',
      { class: 'entry-meta' },
      items.map(([label, value]) => h('span', { class: 'meta-item' }, h('span', { class: 'meta-label' }, `${label}：`), value)),
    );
  }

  function entryList(entries, emptyText) {
    if (!entries.length) return h('p', { class: 'empty' }, emptyText || '暂无信息。');
    return h(
      'ul',
      { class: 'entry-list' },
      entries.map((entry) => h('li', { class: 'entry', 'data-entry-id': entry.documentId }, entryLink(entry), entryMeta(entry))),
    );
  }

  function pagination(meta, hrefFor) {
    const p = meta && meta.pagination;
    if (!p || p.pageCount <= 1) return null;
    return h(
      'nav',
      { class: 'pagination', 'aria-label': '分页' },
      p.page > 1 ? h('a', { href: hrefFor(p.page - 1), rel: 'prev' }, '上一页') : null,
      h('span', { class: 'page-status' }, `第 ${p.page} 页，共 ${p.pageCount} 页（${p.total} 条）`),
      p.page < p.pageCount ? h('a', { href: hrefFor(p.page + 1), rel: 'next' }, '下一页') : null,
    );
  }

  const positiveInt = (value) => {
    const n = Number.parseInt(value, 10);
    return Number.isFinite(n) && n >= 1 ? n : 1;
  };

  /* ------------------------------------------------------------------ views */

  async function viewHome() {
    const result = await api('/entries', { pageSize: PAGE_SIZE });
    return page('latest', '最新公开信息', entryList(result.data || [], '暂无已公开的政府信息。'));
  }

  function orgDetails(org) {
    const website = safeUrl(org.website);
    const rows = [
      ['政府信息公开工作机构', org.disclosureOffice],
      ['办公地址', org.address],
      ['邮政编码', org.postcode],
      ['办公时间', org.officeHours],
      ['联系电话', org.phone],
      ['传真', org.fax],
      ['电子邮箱', org.email],
      ['网站', website ? h('a', { href: website, rel: 'noopener noreferrer' }, org.website) : org.website],
    ].filter(([, value]) => value);
    return rows.length ? h('section', { class: 'contact', 'aria-label': `${org.name}联系方式` }, fieldList(rows, 'fields contact')) : null;
  }

  async function viewGuide() {
    const result = await api('/organizations');
    const orgs = result.data || [];
    return page(
      'guide',
      '政府信息公开指南',
      orgs.length
        ? orgs.map((org) =>
            h(
              'section',
              { class: 'org-guide', id: `guide-${org.documentId}`, 'data-organization-id': org.documentId, 'aria-labelledby': `guide-${org.documentId}-title` },
              h('h3', { id: `guide-${org.documentId}-title` }, org.name),
              org.guide && String(org.guide).trim() ? richText(org.guide, 4) : h('p', { class: 'empty' }, '该机构尚未发布政府信息公开指南。'),
              orgDetails(org),
            ),
          )
        : h('p', { class: 'empty' }, '暂无机构信息。'),
    );
  }

  /** Categories in scope as a tree (parent may be an object or a documentId; a parent outside the scope makes a root). */
  function categoryTree(categories) {
    const byId = new Map(categories.map((c) => [c.documentId, { ...c, children: [] }]));
    const roots = [];
    const parentId = (c) => (c.parent && typeof c.parent === 'object' ? c.parent.documentId : c.parent) || null;
    for (const node of byId.values()) {
      const pid = parentId(node);
      if (pid && byId.has(pid) && pid !== node.documentId) byId.get(pid).children.push(node);
      else roots.push(node);
    }
    const order = (a, b) => (a.sortOrder || 0) - (b.sortOrder || 0) || String(a.code || a.name).localeCompare(String(b.code || b.name), 'zh-Hans-CN');
    const sort = (nodes) => {
      nodes.sort(order);
      nodes.forEach((n) => sort(n.children));
      return nodes;
    };
    return { roots: sort(roots), byId, parentId };
  }

  function categoryHref(id, pageNo) {
    return `#/category/${encodeURIComponent(id)}${pageNo && pageNo > 1 ? `?page=${pageNo}` : ''}`;
  }

  function categoryLinks(nodes) {
    if (!nodes.length) return null;
    return h(
      'ul',
      { class: 'category-tree' },
      nodes.map((node) => h('li', {}, h('a', { href: categoryHref(node.documentId), 'data-category-id': node.documentId }, node.name), categoryLinks(node.children))),
    );
  }

  async function viewCategories() {
    const result = await api('/categories');
    const { roots } = categoryTree(result.data || []);
    if (!roots.length) return page('categories', '法定主动公开内容', h('p', { class: 'empty' }, '暂无公开目录分类。'));
    const lists = await Promise.all(roots.map((node) => api('/entries', { category: node.documentId, pageSize: 10 })));
    return page(
      'categories',
      '法定主动公开内容',
      h('p', { class: 'intro' }, '按政府信息公开目录分类浏览行政机关依照《中华人民共和国政府信息公开条例》第二十条主动公开的政府信息。'),
      h('nav', { class: 'category-nav', 'aria-label': '公开目录分类' }, categoryLinks(roots)),
      roots.map((node, i) => {
        const total = lists[i].meta && lists[i].meta.pagination ? lists[i].meta.pagination.total : (lists[i].data || []).length;
        const id = `category-${node.documentId}`;
        return h(
          'section',
          { class: 'category-group', id, 'data-category-id': node.documentId, 'aria-labelledby': `${id}-title` },
          h('h3', { id: `${id}-title` }, node.name),
          node.description ? h('p', { class: 'category-description' }, node.description) : null,
          entryList(lists[i].data || [], '本分类暂无已公开的信息。'),
          total > (lists[i].data || []).length ? h('p', { class: 'more' }, h('a', { href: categoryHref(node.documentId) }, `查看“${node.name}”全部 ${total} 条信息`)) : null,
        );
      }),
    );
  }

  async function viewCategory(id, query) {
    const pageNo = positiveInt(query.get('page'));
    const [categories, result] = await Promise.all([api('/categories'), api('/entries', { category: id, page: pageNo, pageSize: PAGE_SIZE })]);
    const { byId, parentId } = categoryTree(categories.data || []);
    const node = byId.get(id);
    if (!node) throw new ApiError(404, 'NOT_FOUND');
    const trail = [];
    for (let p = parentId(node); p && byId.has(p) && trail.length < 20; p = parentId(byId.get(p))) trail.unshift(byId.get(p));
    return page(
      'category',
      node.name,
      h(
        'nav',
        { class: 'breadcrumb', 'aria-label': '位置' },
        h('ol', {}, h('li', {}, h('a', { href: '#/categories' }, '法定主动公开内容')), trail.map((c) => h('li', {}, h('a', { href: categoryHref(c.documentId) }, c.name))), h('li', { 'aria-current': 'page' }, node.name)),
      ),
      node.description ? h('p', { class: 'category-description' }, node.description) : null,
      node.legalBasis ? h('p', { class: 'category-description' }, `依据：${node.legalBasis}`) : null,
      node.children.length ? h('div', { class: 'subcategories' }, h('h3', {}, '下级分类'), categoryLinks(node.children)) : null,
      h('h3', {}, '信息列表'),
      entryList(result.data || [], '本分类暂无已公开的信息。'),
      pagination(result.meta, (n) => categoryHref(id, n)),
    );
  }

  /** Policies list items should carry their interpretations; if a list omits them, read each policy. */
  async function withInterpretations(policies) {
    return Promise.all(
      policies.map(async (policy) => {
        if (Array.isArray(policy.interpretations)) return policy;
        try {
          return (await api(`/policies/${encodeURIComponent(policy.documentId)}`)).data || policy;
        } catch (e) {
          return policy;
        }
      }),
    );
  }

  async function viewPolicies(query) {
    const pageNo = positiveInt(query.get('page'));
    const result = await api('/policies', { page: pageNo, pageSize: PAGE_SIZE });
    const policies = await withInterpretations(result.data || []);
    return page(
      'policies',
      '政策文件',
      policies.length
        ? h(
            'ul',
            { class: 'policy-list' },
            policies.map((policy) =>
              h(
                'li',
                { class: 'policy', 'data-policy-id': policy.documentId },
                h('div', { class: 'policy-main' }, entryLink(policy), entryMeta(policy, policy.validityLabel ? [['有效性', policy.validityLabel]] : [])),
                h(
                  'div',
                  { class: 'interpretations', 'aria-label': `“${policy.title}”的政策解读`, role: 'group' },
                  h('p', { class: 'interpretations-title' }, '政策解读'),
                  (policy.interpretations || []).length
                    ? h('ul', {}, policy.interpretations.map((i) => h('li', {}, entryLink({ ...i, type: i.type || 'interpretations' }, { class: 'entry-link interpretation-link' }))))
                    : h('p', { class: 'empty' }, '暂无解读'),
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, '暂无已公开的政策文件。'),
      pagination(result.meta, (n) => `#/policies?page=${n}`),
    );
  }

  /* ------------------------------------------------------------------ 政府信息公开工作年度报告 */

  /** The national template's labels (国办公开办函〔2021〕30号); the report JSON's keys are the API's (docs/consumer-api.md). */
  const APPLICANT_COLUMNS = [
    ['natural_person', '自然人'],
    ['commercial_enterprise', '商业企业'],
    ['research_institution', '科研机构'],
    ['social_welfare_organization', '社会公益组织'],
    ['legal_service_institution', '法律服务机构'],
    ['other_organization', '其他'],
    ['total', '总计'],
  ];
  const OUTCOME_ROWS = {
    withhold: ['（三）不予公开', [
      ['withhold.state_secret', '属于国家秘密'],
      ['withhold.prohibited_by_law', '其他法律行政法规禁止公开'],
      ['withhold.three_safeties', '危及“三安全一稳定”'],
      ['withhold.third_party', '保护第三方合法权益'],
      ['withhold.internal_affairs', '属于三类内部事务信息'],
      ['withhold.process_information', '属于四类过程性信息'],
      ['withhold.enforcement_file', '属于行政执法案卷'],
      ['withhold.administrative_inquiry', '属于行政查询事项'],
    ], 'withholdTotal'],
    unable: ['（四）无法提供', [
      ['unable.not_held', '本机关不掌握相关政府信息'],
      ['unable.needs_creation', '没有现成信息需要另行制作'],
      ['unable.unclear_after_correction', '补正后申请内容仍不明确'],
    ], 'unableTotal'],
    reject: ['（五）不予处理', [
      ['reject.petition', '信访举报投诉类申请'],
      ['reject.duplicate', '重复申请'],
      ['reject.publication', '要求提供公开出版物'],
      ['reject.abusive', '无正当理由大量反复申请'],
      ['reject.confirmation', '要求行政机关确认或重新出具已获取信息'],
    ], 'rejectTotal'],
    other: ['（六）其他处理', [
      ['other.no_correction', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      ['other.fee_unpaid', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['other.other', '其他'],
    ], 'otherTotal'],
  };
  /** Section 三's lines: [row key or null for a heading, label, indent level, bold]. */
  const SECTION3_LINES = [
    ['new', '一、本年新收政府信息公开申请数量', 0, true],
    ['carriedIn', '二、上年结转政府信息公开申请数量', 0, true],
    [null, '三、本年度办理结果', 0, true],
    ['disclose', '（一）予以公开', 1, false],
    ['partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 1, false],
    ...Object.values(OUTCOME_ROWS).flatMap(([heading, rows, subtotal]) => [
      [null, heading, 1, false],
      ...rows.map(([key, label], i) => [key, `${i + 1}．${label}`, 2, false]),
      [subtotal, '小计', 2, true],
    ]),
    ['total', '（七）总计', 1, true],
    ['carriedOut', '四、结转下年度继续办理', 0, true],
  ];
  const CASE_COLUMNS = [
    ['upheld', '结果维持'],
    ['corrected', '结果纠正'],
    ['other', '其他结果'],
    ['pending', '尚未审结'],
    ['total', '总计'],
  ];

  const figure = (n) => (n === null || n === undefined ? '—' : String(n));
  const th = (text, attrs) => h('th', { scope: 'col', ...(attrs || {}) }, text);
  const td = (text, attrs) => h('td', { class: 'num', ...(attrs || {}) }, figure(text));

  function section2Table(report) {
    const s = report.section2 || {};
    const band = (provision, columns) => [
      h('tr', {}, h('th', { colspan: '4', scope: 'colgroup', class: 'band' }, provision)),
      h('tr', {}, th('信息内容'), columns.map((c) => th(c, columns.length === 1 ? { colspan: '3' } : {}))),
    ];
    const documents = (key, label) => h('tr', { 'data-row': key }, h('th', { scope: 'row' }, label), td((s[key] || {}).issued), td((s[key] || {}).repealed), td((s[key] || {}).inForce));
    const decisions = (key, label) => h('tr', { 'data-row': key }, h('th', { scope: 'row' }, label), td((s[key] || {}).decisions, { colspan: '3' }));
    return h(
      'section',
      { class: 'report-section', 'aria-labelledby': 'report-s2' },
      h('h3', { id: 'report-s2' }, '二、主动公开政府信息情况'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'report-table', 'data-section': '2' },
          h(
            'tbody',
            {},
            band('第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数']),
            documents('regulations', '规章'),
            documents('normativeDocuments', '行政规范性文件'),
            band('第二十条第（五）项', ['本年处理决定数量']),
            decisions('licensing', '行政许可'),
            band('第二十条第（六）项', ['本年处理决定数量']),
            decisions('penalties', '行政处罚'),
            decisions('enforcement', '行政强制'),
            band('第二十条第（八）项', ['本年收费金额（单位：万元）']),
            h('tr', { 'data-row': 'fees' }, h('th', { scope: 'row' }, '行政事业性收费'), td((s.fees || {}).amountWanYuan, { colspan: '3' })),
          ),
        ),
      ),
    );
  }

  function section3Table(report) {
    const rows = (report.section3 && report.section3.rows) || {};
    return h(
      'section',
      { class: 'report-section', 'aria-labelledby': 'report-s3' },
      h('h3', { id: 'report-s3' }, '三、收到和处理政府信息公开申请情况'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'report-table', 'data-section': '3' },
          h(
            'thead',
            {},
            h('tr', {}, h('td', { rowspan: '3', class: 'note-cell' }, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), th('申请人情况', { colspan: '7', scope: 'colgroup' })),
            h('tr', {}, th('自然人', { rowspan: '2' }), th('法人或其他组织', { colspan: '5', scope: 'colgroup' }), th('总计', { rowspan: '2' })),
            h('tr', {}, APPLICANT_COLUMNS.slice(1, 6).map(([, label]) => th(label))),
          ),
          h(
            'tbody',
            {},
            SECTION3_LINES.map(([key, label, level, strong]) =>
              h(
                'tr',
                { 'data-row': key, class: strong ? 'strong' : null },
                h('th', { scope: 'row', class: `level-${level}` }, label),
                key ? APPLICANT_COLUMNS.map(([column], i) => td((rows[key] || [])[i], { 'data-column': column })) : APPLICANT_COLUMNS.map(() => h('td', { class: 'blank' })),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function section4Table(report) {
    const s = report.section4 || {};
    const kinds = ['review', 'litigation_direct', 'litigation_after_review'];
    return h(
      'section',
      { class: 'report-section', 'aria-labelledby': 'report-s4' },
      h('h3', { id: 'report-s4' }, '四、政府信息公开行政复议、行政诉讼情况'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'report-table', 'data-section': '4' },
          h(
            'thead',
            {},
            h('tr', {}, th('行政复议', { colspan: '5', rowspan: '2', scope: 'colgroup' }), th('行政诉讼', { colspan: '10', scope: 'colgroup' })),
            h('tr', {}, th('未经复议直接起诉', { colspan: '5', scope: 'colgroup' }), th('复议后起诉', { colspan: '5', scope: 'colgroup' })),
            h('tr', {}, kinds.flatMap(() => CASE_COLUMNS.map(([, label]) => th(label)))),
          ),
          h('tbody', {}, h('tr', {}, kinds.flatMap((kind) => CASE_COLUMNS.map(([result]) => td((s[kind] || {})[result], { 'data-cell': `${kind}.${result}` }))))),
        ),
      ),
    );
  }

  const reportHref = (documentId) => `#/annual-reports/${encodeURIComponent(documentId)}`;

  async function viewAnnualReports() {
    const result = await api('/annual-reports', { pageSize: 100 });
    // Newest year first (then the organization's name), whatever order the API lists them in.
    const reports = (result.data || []).slice().sort((a, b) => (Number(b.year) || 0) - (Number(a.year) || 0) || String((a.organization || {}).name || '').localeCompare(String((b.organization || {}).name || ''), 'zh-CN'));
    return page(
      'annual-reports',
      '政府信息公开工作年度报告',
      h('p', { class: 'intro' }, '依照《中华人民共和国政府信息公开条例》第四十九条、第五十条，行政机关应当在每年1月31日前（县级以上地方人民政府在每年3月31日前）向社会公布本机关上一年度政府信息公开工作年度报告。'),
      reports.length
        ? h(
            'ul',
            { class: 'entry-list report-list' },
            reports.map((r) =>
              h(
                'li',
                { class: 'entry', 'data-entry-id': r.documentId, 'data-year': r.year },
                h('a', { href: reportHref(r.documentId), class: 'entry-link', 'data-document-id': r.documentId, 'data-type': 'annual-reports' }, r.title || `${(r.organization || {}).name || ''}${r.year}年政府信息公开工作年度报告`),
                entryMeta({ ...r, type: 'annual-reports' }, r.year ? [['报告年度', `${r.year}年`]] : []),
              ),
            ),
          )
        : h('p', { class: 'empty', 'data-empty': 'annual-reports' }, '暂无年报。'),
    );
  }

  /** Saves a consumer export: the site token goes in a header, so a plain link cannot fetch it. */
  async function downloadExport(documentId, format, filename) {
    const url = new URL(`${apiBase()}/annual-reports/${encodeURIComponent(documentId)}/export`, window.location.href);
    url.searchParams.set('format', format);
    const response = await fetch(url.toString(), { headers: { Authorization: `Bearer ${token()}` }, credentials: 'omit' });
    if (!response.ok) throw new ApiError(response.status, 'EXPORT');
    const href = URL.createObjectURL(await response.blob());
    const a = h('a', { href, download: filename });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10000);
  }

  function exportLinks(entry) {
    const name = `${(entry.organization || {}).name || ''}${entry.year || ''}年政府信息公开工作年度报告`;
    const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
    const button = (format, label) =>
      h('button', { type: 'button', class: 'export-button', 'data-format': format }, label);
    const nav = h('nav', { class: 'report-exports', 'aria-label': '下载年度报告' }, h('span', {}, '下载：'), button('html', '打印版（HTML）'), button('xlsx', '表格（XLSX）'), status);
    nav.addEventListener('click', (event) => {
      const target = event.target.closest('button[data-format]');
      if (!target) return;
      const format = target.getAttribute('data-format');
      status.textContent = '正在下载…';
      downloadExport(entry.documentId, format, `${name}.${format}`)
        .then(() => (status.textContent = ''))
        .catch(() => (status.textContent = '下载失败，请稍后重试。'));
    });
    return nav;
  }

  async function viewAnnualReport(documentId) {
    let entry;
    try {
      entry = (await api(`/annual-reports/${encodeURIComponent(documentId)}`)).data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) return { node: withdrawnView('annual-reports', documentId, error), title: '该信息已撤回' };
      throw error;
    }
    const report = entry.report || null;
    const title = entry.title || `${(entry.organization || {}).name || ''}${entry.year}年政府信息公开工作年度报告`;
    const text = (id, heading, body) => h('section', { class: 'report-section', 'aria-labelledby': id }, h('h3', { id }, heading), body ? richText(body, 4) : h('p', { class: 'empty' }, '无。'));
    const node = h(
      'article',
      { id: 'entry', class: 'page entry-detail annual-report', 'data-document-id': entry.documentId, 'data-type': 'annual-reports', 'data-year': entry.year, 'aria-labelledby': 'entry-title' },
      h('h2', { id: 'entry-title', tabindex: '-1' }, title),
      h('section', { class: 'catalogue-box', 'aria-labelledby': 'catalogue-title' }, h('h3', { id: 'catalogue-title', class: 'visually-hidden' }, '信息目录'), fieldList([...catalogueRows({ ...entry, type: 'annual-reports' }), ['报告年度', entry.year ? `${entry.year}年` : null, 'year']].filter(([, v]) => v), 'fields catalogue')),
      exportLinks(entry),
      text('report-s1', '一、总体情况', entry.overview),
      report ? section2Table(report) : null,
      report ? section3Table(report) : null,
      report ? section4Table(report) : null,
      report ? null : notice('error', '统计表暂缺', '该年度报告未附统计数据。'),
      text('report-s5', '五、存在的主要问题及改进情况', entry.problems),
      text('report-s6', '六、其他需要报告的事项', entry.otherMatters),
      attachmentsList(entry.attachments),
      h('p', {}, h('a', { href: '#/annual-reports' }, '返回政府信息公开年报')),
    );
    return { node, title };
  }

  /* ------------------------------------------------------------------ 依申请公开 (no token: the public form) */

  /**
   * The application endpoints need no site token: anyone may apply and look up their application. Nothing is ever
   * sent with a token, so a site token never reaches them.
   */
  async function publicApi(path, options) {
    const { method = 'GET', params, body } = options || {};
    const url = new URL(apiBase() + path, window.location.href);
    for (const [key, value] of Object.entries(params || {})) url.searchParams.set(key, String(value));
    let response;
    try {
      response = await fetch(url.toString(), {
        method,
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK');
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      const error = (data && data.error) || {};
      const details = error.details || {};
      throw new ApiError(response.status, details.code || error.name, error.message, details);
    }
    return data;
  }

  const APPLY_STEPS = [
    '申请应当采用书面形式（包括数据电文形式），可以当面提交、邮寄或者通过互联网渠道提交；采用书面形式确有困难的，可以口头提出，由受理机关代为填写申请。',
    '申请内容包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
    '行政机关收到申请后能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。',
  ];

  /** The form's fields, in the order of the 条例's 第二十九条; `options` names the list the server sends. */
  const APPLY_FIELDS = [
    { legend: '受理机关', fields: [{ key: 'organization', label: '向哪个机关申请', required: true, options: 'organizations' }] },
    {
      legend: '申请人信息',
      fields: [
        { key: 'applicantKind', label: '申请人类型', required: true, options: 'applicantKinds' },
        { key: 'applicantName', label: '申请人姓名或名称', required: true, autocomplete: 'name' },
        { key: 'contactPerson', label: '联系人', conditional: true, hint: '法人或者其他组织申请时必填' },
        { key: 'idType', label: '证件类型', required: true, options: 'idTypes' },
        { key: 'idNumber', label: '证件号码', required: true, autocomplete: 'off' },
        { key: 'phone', label: '联系电话', required: true, type: 'tel', autocomplete: 'tel' },
        { key: 'email', label: '电子邮箱', type: 'email', autocomplete: 'email', conditional: true, hint: '选择通过电子邮件获取信息时必填' },
        { key: 'postalAddress', label: '通信地址', autocomplete: 'street-address', conditional: true, hint: '选择邮寄获取信息时必填' },
        { key: 'postalCode', label: '邮政编码', autocomplete: 'postal-code', inputmode: 'numeric' },
      ],
    },
    {
      legend: '所需政府信息',
      fields: [
        { key: 'requestedTitle', label: '所需信息的名称', required: true },
        { key: 'requestedDocumentNumber', label: '文号', hint: '知道文号的请填写，例如：某政发〔2025〕1号' },
        { key: 'requestedDescription', label: '所需信息的其他特征描述', multiline: true, hint: '如形成时间、发文机关、内容要点等，便于行政机关查找' },
        { key: 'purpose', label: '用途', multiline: true },
      ],
    },
    {
      legend: '获取信息的方式',
      fields: [
        { key: 'preferredForm', label: '获取信息的形式', required: true, options: 'preferredForms' },
        { key: 'deliveryMethod', label: '获取信息的途径', required: true, options: 'deliveryMethods' },
      ],
    },
  ];

  function applyIntro() {
    return [
      h('p', { class: 'intro' }, '除行政机关主动公开的政府信息外，公民、法人或者其他组织可以依照《中华人民共和国政府信息公开条例》第二十七条的规定，向行政机关申请获取相关政府信息。'),
      h('h3', {}, '如何申请'),
      h('ol', {}, APPLY_STEPS.map((step) => h('li', {}, step))),
      h('p', {}, '各机关受理申请的地址、电话和办公时间，请见', h('a', { href: '#/guide' }, '政府信息公开指南'), '。已经提交申请的，可以', h('a', { href: '#/apply/status' }, '查询办理进度'), '。'),
    ];
  }

  async function viewApply() {
    let form;
    try {
      form = (await publicApi('/applications/form')).data || {};
    } catch (error) {
      return page(
        'apply',
        '依申请公开',
        applyIntro(),
        h('h3', {}, '在线申请'),
        notice('error', '暂时无法在线申请', error.status === 0 ? '无法连接到服务，请检查网络连接后刷新页面重试。' : '在线申请服务暂时不可用，请稍后重试，或通过信函、当面等方式提交申请。'),
      );
    }
    return page('apply', '依申请公开', applyIntro(), h('h3', { id: 'apply-form-title' }, '在线申请'), applicationForm(form));
  }

  function applicationForm(form) {
    const limits = form.limits || {};
    const summary = h('div', { class: 'error-summary', id: 'apply-errors', tabindex: '-1', hidden: true, role: 'alert', 'aria-labelledby': 'apply-errors-title' });
    const control = (field) => {
      const id = `apply-${field.key}`;
      const describedBy = [field.hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
      const common = { id, name: field.key, 'aria-describedby': describedBy, 'aria-required': field.required ? 'true' : null };
      if (field.options) {
        const options = form[field.options] || [];
        const list = field.options === 'organizations' ? options.map((o) => ({ value: o.documentId, label: o.name })) : options;
        return h('select', common, h('option', { value: '' }, '请选择'), list.map((o) => h('option', { value: o.value }, o.label)));
      }
      const max = limits[field.key];
      if (field.multiline) return h('textarea', { ...common, rows: '4', maxlength: max || null });
      return h('input', { ...common, type: field.type || 'text', maxlength: max || null, autocomplete: field.autocomplete || null, inputmode: field.inputmode || null });
    };
    const fieldNode = (field) =>
      h(
        'div',
        { class: 'form-field', 'data-field': field.key },
        h('label', { for: `apply-${field.key}` }, field.label, field.required ? h('span', { class: 'required' }, h('span', { 'aria-hidden': 'true' }, ' *'), h('span', { class: 'visually-hidden' }, '（必填）')) : field.conditional ? null : h('span', { class: 'optional' }, '（选填）')),
        field.hint ? h('p', { class: 'hint', id: `apply-${field.key}-hint` }, field.hint) : null,
        h('p', { class: 'field-error', id: `apply-${field.key}-error` }),
        control(field),
      );
    const submit = h('button', { type: 'submit' }, '提交申请');
    const captcha = form.captcha ? captchaField() : null;
    const formNode = h(
      'form',
      { class: 'apply-form', id: 'apply-form', novalidate: true, 'aria-labelledby': 'apply-form-title' },
      h('p', { class: 'hint' }, '带 * 的为必填项。'),
      summary,
      APPLY_FIELDS.map((group) => h('fieldset', {}, h('legend', {}, group.legend), group.fields.map(fieldNode))),
      captcha ? captcha.node : null,
      h('div', { class: 'form-actions' }, submit),
    );
    const wrapper = h('div', { id: 'apply-form-area' }, formNode);

    const clearErrors = () => {
      summary.hidden = true;
      summary.replaceChildren();
      for (const node of formNode.querySelectorAll('.form-field')) {
        node.classList.remove('has-error');
        node.querySelector('.field-error').textContent = '';
        const input = node.querySelector('input, select, textarea');
        if (input) input.removeAttribute('aria-invalid');
      }
    };

    const showErrors = (message, errors) => {
      const known = [];
      for (const error of errors) {
        const key = Array.isArray(error.path) ? error.path[0] : error.path;
        const node = formNode.querySelector(`.form-field[data-field="${CSS.escape(String(key))}"]`);
        if (!node) continue;
        if (!node.classList.contains('has-error')) {
          node.classList.add('has-error');
          node.querySelector('.field-error').textContent = error.message;
          const input = node.querySelector('input, select, textarea');
          if (input) input.setAttribute('aria-invalid', 'true');
          known.push({ key, message: error.message });
        }
      }
      summary.replaceChildren(
        h('p', { class: 'notice-title', id: 'apply-errors-title' }, known.length ? '申请未能提交，请修改以下内容：' : message),
        known.length ? h('ul', {}, known.map((e) => h('li', {}, h('a', { href: `#apply-${e.key}`, 'data-focus': `apply-${e.key}` }, e.message)))) : null,
      );
      summary.hidden = false;
      summary.focus();
    };

    summary.addEventListener('click', (event) => {
      const link = event.target.closest('a[data-focus]');
      if (!link) return;
      // The fragment is the router's: focus the field without navigating.
      event.preventDefault();
      const input = document.getElementById(link.getAttribute('data-focus'));
      if (input) input.focus();
    });

    formNode.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors();
      const body = {};
      for (const group of APPLY_FIELDS) {
        for (const field of group.fields) {
          const value = formNode.elements[field.key].value.trim();
          if (value) body[field.key] = value;
        }
      }
      if (captcha) body.captcha = captcha.value();
      submit.disabled = true;
      submit.textContent = '正在提交…';
      try {
        const result = (await publicApi('/applications', { method: 'POST', body })).data;
        wrapper.replaceChildren(submitted(result));
        wrapper.querySelector('h4').focus();
      } catch (error) {
        const errors = (error.details && error.details.errors) || [];
        let message = error.message || '申请未能提交，请稍后重试。';
        if (error.status === 413) message = '提交的内容过长，请精简后重试。';
        else if (error.status === 429) message = '提交过于频繁，请稍后再试。';
        else if (error.status === 0) message = '无法连接到服务，请检查网络连接后重试。';
        else if (error.status >= 500) message = '服务暂时不可用，请稍后重试。';
        showErrors(message, errors);
      } finally {
        submit.disabled = false;
        submit.textContent = '提交申请';
      }
    });
    return wrapper;
  }

  /**
   * 验证码, when the server asks for one (its applications.captchaModule). The deployment's config.js supplies the
   * widget: window.GONGKAI_PORTAL.captcha = { mount(container), token() }; without it, a text field for the answer.
   */
  function captchaField() {
    const hook = config.captcha && typeof config.captcha.mount === 'function' && typeof config.captcha.token === 'function' ? config.captcha : null;
    const input = hook ? null : h('input', { id: 'apply-captcha', name: 'captcha', type: 'text', autocomplete: 'off', 'aria-required': 'true', 'aria-describedby': 'apply-captcha-error' });
    const widget = hook ? h('div', { class: 'captcha-widget', id: 'apply-captcha' }) : null;
    const node = h(
      'div',
      { class: 'form-field', 'data-field': 'captcha' },
      h('label', { for: hook ? null : 'apply-captcha' }, '验证码', h('span', { class: 'required' }, h('span', { 'aria-hidden': 'true' }, ' *'), h('span', { class: 'visually-hidden' }, '（必填）'))),
      h('p', { class: 'field-error', id: 'apply-captcha-error' }),
      input || widget,
    );
    if (hook) hook.mount(widget);
    return { node, value: () => (hook ? hook.token() : input.value.trim()) };
  }

  /** The tracking code and the secret, shown this once: the server keeps only the secret's hash. */
  function submitted(result) {
    return h(
      'section',
      { class: 'apply-done', id: 'apply-done', 'aria-labelledby': 'apply-done-title' },
      h('h4', { id: 'apply-done-title', tabindex: '-1' }, '申请已提交'),
      h('p', {}, `提交时间：${formatDate(result.submittedAt, true)}。办理状态：${result.stateLabel || ''}。受理机关确认收到申请后开始计算答复期限。`),
      h(
        'dl',
        { class: 'fields credentials' },
        h('div', { class: 'field', 'data-field': 'trackingCode' }, h('dt', {}, '申请编号'), h('dd', { class: 'credential' }, result.trackingCode)),
        h('div', { class: 'field', 'data-field': 'secret' }, h('dt', {}, '查询密码'), h('dd', { class: 'credential' }, result.secret)),
      ),
      notice('warning', '请妥善保存', '请立即记下或截图保存申请编号和查询密码。查询密码只显示这一次，系统不保存密码原文，遗失后无法找回；查询办理进度和答复时需要同时输入申请编号和查询密码。'),
      h('p', {}, h('a', { href: '#/apply/status' }, '查询办理进度')),
    );
  }

  function viewApplicationStatus() {
    const result = h('div', { id: 'status-result', 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit' }, '查询');
    const form = h(
      'form',
      { class: 'apply-form status-form', id: 'status-form', novalidate: true, 'aria-label': '查询办理进度' },
      h('div', { class: 'form-field' }, h('label', { for: 'status-code' }, '申请编号'), h('input', { id: 'status-code', name: 'code', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '64' })),
      h('div', { class: 'form-field' }, h('label', { for: 'status-secret' }, '查询密码'), h('input', { id: 'status-secret', name: 'secret', type: 'password', autocomplete: 'off', maxlength: '128' })),
      h('div', { class: 'form-actions' }, submit),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const code = form.elements.code.value.trim();
      const secret = form.elements.secret.value.trim();
      if (!code || !secret) {
        result.replaceChildren(notice('error', '请输入申请编号和查询密码'));
        return;
      }
      submit.disabled = true;
      result.replaceChildren(h('p', { class: 'status' }, '正在查询…'));
      try {
        const status = (await publicApi('/applications/status', { params: { code, secret } })).data;
        result.replaceChildren(statusView(status));
        result.querySelector('h3').focus();
      } catch (error) {
        result.replaceChildren(
          error.status === 404
            ? notice('error', '未找到该申请或查询密码不正确', '请核对申请编号和查询密码后重试。')
            : error.status === 429
              ? notice('error', '查询过于频繁', '请稍后再试。')
              : notice('error', '暂时无法查询', '服务暂时不可用，请稍后重试。'),
        );
      } finally {
        submit.disabled = false;
      }
    });
    return page('apply-status', '查询办理进度', h('p', { class: 'intro' }, '输入提交申请时获得的申请编号和查询密码，查询办理状态、答复期限和答复告知书。'), form, result);
  }

  function statusView(status) {
    const rows = [
      ['申请编号', status.trackingCode, 'trackingCode'],
      ['办理状态', status.stateLabel, 'state'],
      ['提交时间', status.submittedAt ? timeEl(status.submittedAt, true) : null, 'submittedAt'],
      ['收到申请日期', status.receivedOn ? timeEl(status.receivedOn) : '受理机关尚未确认收到', 'receivedOn'],
      ['答复期限', status.dueOn ? [timeEl(status.dueOn), status.extended ? '（已延长）' : ''] : null, 'dueOn'],
      ['答复日期', status.repliedOn ? timeEl(status.repliedOn) : null, 'repliedOn'],
      ['办理结果', status.outcomeLabel, 'outcome'],
      ['办结日期', status.closedOn ? timeEl(status.closedOn) : null, 'closedOn'],
    ].filter(([, value]) => value);
    const correction = status.correction;
    return h(
      'section',
      { class: 'status-view', 'aria-labelledby': 'status-view-title', 'data-state': status.state },
      h('h3', { id: 'status-view-title', tabindex: '-1' }, '办理情况'),
      fieldList(rows, 'fields status-fields'),
      correction && correction.request
        ? notice('warning', '需要补正申请', `受理机关请您补正：${correction.request}`, correction.dueOn ? `请于 ${correction.dueOn} 前补正；逾期不补正的，视为放弃申请。` : '')
        : null,
      status.replyLetter
        ? h(
            'section',
            { class: 'reply-letter', 'aria-labelledby': 'reply-letter-title' },
            h('h4', { id: 'reply-letter-title' }, '答复告知书'),
            // The letter is a page of its own: shown sandboxed (no script, no same-origin access), never inserted as HTML.
            h('iframe', { class: 'letter-frame', title: '政府信息公开申请答复告知书', sandbox: '', srcdoc: status.replyLetter }),
            h('p', {}, h('a', { href: URL.createObjectURL(new Blob([status.replyLetter], { type: 'text/html' })), download: `答复告知书-${status.trackingCode}.html`, class: 'letter-download' }, '下载答复告知书（可打印）')),
          )
        : null,
    );
  }

  const SEARCH_FILTERS = ['type', 'organization', 'category', 'from', 'to'];

  /** #/search?q=…&type=…: the search route with its filters (empty ones left out). */
  function searchHref(values, pageNo) {
    const params = new URLSearchParams();
    for (const key of ['q', ...SEARCH_FILTERS]) if (values[key]) params.set(key, values[key]);
    if (pageNo && pageNo > 1) params.set('page', String(pageNo));
    return `#/search?${params.toString()}`;
  }

  /**
   * A hit's snippet: the API escapes the text and marks hits with <mark>. It is rebuilt here from text nodes and
   * <mark> elements (never inserted as HTML): anything else in it stays text.
   */
  function snippetNode(snippet) {
    const unescape = (t) => t.replace(/&(lt|gt|quot|#39|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]);
    const el = h('p', { class: 'search-snippet' });
    String(snippet || '')
      .split(/(<mark>.*?<\/mark>)/)
      .filter(Boolean)
      .forEach((part) => {
        const marked = /^<mark>(.*)<\/mark>$/.exec(part);
        el.appendChild(marked ? h('mark', {}, unescape(marked[1])) : document.createTextNode(unescape(part)));
      });
    return el;
  }

  function searchFilters(values, organizations, categories) {
    const select = (name, label, options) =>
      h(
        'div',
        { class: 'filter' },
        h('label', { for: `search-${name}` }, label),
        h('select', { id: `search-${name}`, name }, h('option', { value: '' }, '全部'), options.map(([value, text]) => h('option', { value, selected: values[name] === value }, text))),
      );
    const dateInput = (name, label) => h('div', { class: 'filter' }, h('label', { for: `search-${name}` }, label), h('input', { id: `search-${name}`, name, type: 'date', value: values[name] || null }));
    const form = h(
      'form',
      { class: 'search-filters', id: 'search-filters', 'aria-label': '筛选搜索结果' },
      select('type', '信息类别', Object.entries(ENTRY_TYPES)),
      select('organization', '发布机构', organizations.map((o) => [o.documentId, o.name])),
      select('category', '公开目录分类', categories.map((c) => [c.documentId, c.name])),
      dateInput('from', '发布日期起'),
      dateInput('to', '发布日期止'),
      h('button', { type: 'submit' }, '筛选'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const next = { q: values.q };
      for (const key of SEARCH_FILTERS) next[key] = form.elements[key].value;
      window.location.hash = searchHref(next, 1);
    });
    return form;
  }

  function searchHits(hits) {
    if (!hits.length) return h('p', { class: 'empty' }, '没有找到相关信息，请更换关键词或筛选条件重试。');
    return h(
      'ul',
      { class: 'entry-list search-hits' },
      hits.map((hit) => h('li', { class: 'entry', 'data-entry-id': hit.documentId }, entryLink(hit), snippetNode(hit.snippet), entryMeta(hit))),
    );
  }

  async function viewSearch(query) {
    const q = (query.get('q') || '').trim();
    const input = document.getElementById('search-q');
    if (input && document.activeElement !== input) input.value = q;
    if (!q) return page('search', '搜索', h('p', {}, '请输入要检索的关键词。'));
    if (q.length > 100) return page('search', '搜索', notice('error', '关键词过长', '请输入不超过100个字符的关键词。'));
    const pageNo = positiveInt(query.get('page'));
    const values = { q };
    for (const key of SEARCH_FILTERS) values[key] = (query.get(key) || '').trim();
    const [result, organizations, categories] = await Promise.all([
      api('/search', { ...values, page: pageNo, pageSize: PAGE_SIZE }),
      api('/organizations').then((r) => r.data || [], () => []),
      api('/categories').then((r) => r.data || [], () => []),
    ]);
    const p = result.meta && result.meta.pagination;
    const total = p ? p.total : (result.data || []).length;
    return page(
      'search',
      '搜索结果',
      h('p', { class: 'search-summary', 'data-total': total }, `检索“${q}”，共找到 ${total}${p && p.totalCapped ? '+' : ''} 条信息。`),
      // Results first (the first Tab after the heading reaches the first hit), then the filters to narrow them.
      searchHits(result.data || []),
      pagination(result.meta, (n) => searchHref(values, n)),
      searchFilters(values, organizations, categories),
    );
  }

  /* ------------------------------------------------------------------ entry detail */

  const text = (key, label) => ({ key, label });
  const date = (key, label) => ({ key, label, format: 'date' });
  const datetime = (key, label) => ({ key, label, format: 'datetime' });
  const money = (key, label) => ({ key, label, format: 'money' });
  const enumeration = (key, label) => ({ key, label, format: 'enum' });
  const orgs = (key, label) => ({ key, label, format: 'orgs' });

  const TYPE_FIELDS = {
    policies: [
      orgs('issuingOrganizations', '发文机关'),
      date('writtenDate', '成文日期'),
      date('effectiveDate', '施行日期'),
      date('expiryDate', '有效期至'),
      enumeration('validity', '有效性'),
      enumeration('documentKind', '文件类型'),
      text('normativeRegistrationNumber', '统一登记号'),
    ],
    interpretations: [enumeration('form', '解读形式'), text('interpreter', '解读人/解读机关')],
    'dual-publicity-records': [
      enumeration('kind', '类别'),
      text('decisionNumber', '决定文书号'),
      text('subjectName', '相对人名称'),
      enumeration('subjectType', '相对人类别'),
      text('unifiedSocialCreditCode', '统一社会信用代码'),
      text('legalRepresentative', '法定代表人'),
      text('matterName', '事项名称'),
      text('legalBasis', '法律依据'),
      text('decisionContent', '决定内容'),
      money('penaltyAmount', '罚款金额（万元）'),
      money('confiscationAmount', '没收违法所得（万元）'),
      date('decisionDate', '决定日期'),
      date('validFrom', '有效期自'),
      date('validUntil', '有效期至'),
      orgs('decidingOrganization', '决定机关'),
      date('publicUntil', '公示截止日期'),
    ],
    'procurement-notices': [
      enumeration('noticeType', '公告类型'),
      text('projectName', '项目名称'),
      text('projectCode', '项目编号'),
      money('budgetAmount', '预算金额（万元）'),
      text('purchaser', '采购人'),
      text('agency', '采购代理机构'),
      enumeration('method', '采购方式'),
      datetime('submissionDeadline', '投标截止时间'),
      datetime('openingTime', '开标时间'),
      date('decisionDate', '中标(成交)确定日期'),
      text('resultSupplier', '中标(成交)供应商'),
      money('resultAmount', '中标(成交)金额（万元）'),
      date('contractSignedDate', '合同签订日期'),
    ],
    'recruitment-notices': [
      enumeration('kind', '类别'),
      enumeration('stage', '阶段'),
      text('employer', '招聘单位'),
      datetime('registrationStart', '报名开始时间'),
      datetime('registrationEnd', '报名截止时间'),
      date('examDate', '考试日期'),
      date('publicityStart', '公示开始日期'),
      date('publicityEnd', '公示结束日期'),
    ],
    'disclosure-items': [],
  };

  function fieldValue(entry, field) {
    const value = entry[field.key];
    switch (field.format) {
      case 'date':
        return value ? timeEl(value, false) : null;
      case 'datetime':
        return value ? timeEl(value, true) : null;
      case 'money':
        return value === null || value === undefined || value === '' ? null : String(value);
      case 'enum':
        return entry[`${field.key}Label`] || value || null;
      case 'orgs': {
        const list = (Array.isArray(value) ? value : value ? [value] : []).map((o) => (o && typeof o === 'object' ? o.name : o)).filter(Boolean);
        return list.length ? list.join('、') : null;
      }
      default:
        return value === null || value === undefined || value === '' ? null : String(value);
    }
  }

  function catalogueRows(entry) {
    const topics = (entry.topics || []).map((t) => t && t.name).filter(Boolean);
    return [
      ['索引号', entry.indexNumber, 'indexNumber'],
      ['发布机构', entry.organization && entry.organization.name, 'organization'],
      ['公开目录分类', entry.category && entry.category.name, 'category'],
      ['主题分类', topics.length ? topics.join('、') : null, 'topics'],
      ['文号', entry.documentNumber, 'documentNumber'],
      ['主题词', entry.keywords, 'keywords'],
      ['形成或变更日期', entry.formedOrChangedAt ? timeEl(entry.formedOrChangedAt, false) : null, 'formedOrChangedAt'],
      ['首次发布日期', entry.releasedOn || entry.releasedAt ? timeEl(entry.releasedOn || entry.releasedAt, false) : null, 'releasedOn'],
      ['信息类别', entry.typeLabel || ENTRY_TYPES[entry.type], 'type'],
    ].filter(([, value]) => value);
  }

  function fieldList(rows, className) {
    if (!rows.length) return null;
    return h(
      'dl',
      { class: className },
      rows.map(([label, value, key]) => h('div', { class: 'field', 'data-field': key || null }, h('dt', {}, label), h('dd', {}, value))),
    );
  }

  function attachmentsList(attachments) {
    const files = (Array.isArray(attachments) ? attachments : []).filter(Boolean);
    if (!files.length) return null;
    return h(
      'section',
      { class: 'attachments', 'aria-labelledby': 'attachments-title' },
      h('h3', { id: 'attachments-title' }, '附件'),
      h(
        'ul',
        {},
        files.map((file) => {
          const name = file.name || file.alternativeText || '附件';
          const href = assetUrl(file.url);
          return h('li', {}, href ? h('a', { href, rel: 'noopener noreferrer', download: '' }, name) : name);
        }),
      ),
    );
  }

  function positionsTable(positions) {
    if (!Array.isArray(positions) || !positions.length) return null;
    return h(
      'section',
      { class: 'positions', 'aria-labelledby': 'positions-title' },
      h('h3', { id: 'positions-title' }, '招聘岗位'),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '岗位名称'), h('th', { scope: 'col' }, '招聘人数'), h('th', { scope: 'col' }, '资格条件'))),
        h('tbody', {}, positions.map((p) => h('tr', {}, h('td', {}, p.name || ''), h('td', {}, p.headcount === undefined ? '' : String(p.headcount)), h('td', {}, p.requirements || '')))),
      ),
    );
  }

  function qaList(qa) {
    if (!Array.isArray(qa) || !qa.length) return null;
    return h(
      'section',
      { class: 'qa', 'aria-labelledby': 'qa-title' },
      h('h3', { id: 'qa-title' }, '问答'),
      h('dl', {}, qa.map((pair) => [h('dt', {}, `问：${pair.question || ''}`), h('dd', {}, richText(pair.answer || '', 4))])),
    );
  }

  function relatedLinks(title, id, items, fallbackType, emptyText) {
    const list = (items || []).filter((i) => i && i.documentId);
    return h(
      'section',
      { class: 'related', id, 'aria-labelledby': `${id}-title` },
      h('h3', { id: `${id}-title` }, title),
      list.length ? h('ul', {}, list.map((i) => h('li', {}, entryLink({ ...i, type: i.type || fallbackType }), i.indexNumber ? h('span', { class: 'related-meta' }, ` 索引号：${i.indexNumber}`) : null))) : h('p', { class: 'empty' }, emptyText),
    );
  }

  function withdrawnView(type, documentId, error) {
    const tombstone = (error.details && error.details.tombstone) || {};
    const rows = [
      ['索引号', tombstone.indexNumber, 'indexNumber'],
      ['撤回时间', tombstone.withdrawnAt ? timeEl(tombstone.withdrawnAt, true) : null, 'withdrawnAt'],
    ].filter(([, v]) => v);
    return h(
      'article',
      { id: 'entry', class: 'page entry-detail entry-withdrawn', 'data-document-id': documentId, 'data-type': type, 'data-state': 'withdrawn', 'aria-labelledby': 'entry-title' },
      h('h2', { id: 'entry-title', tabindex: '-1' }, '该信息已撤回'),
      notice('withdrawn', null, '该政府信息已由发布机关撤回，不再公开。'),
      fieldList(rows, 'fields catalogue'),
      h('p', {}, h('a', { href: '#/' }, '返回最新公开信息')),
    );
  }

  async function viewEntry(type, documentId) {
    if (!Object.prototype.hasOwnProperty.call(ENTRY_TYPES, type)) throw new ApiError(404, 'UNKNOWN_TYPE');
    if (type === 'annual-reports') return viewAnnualReport(documentId);
    let entry;
    try {
      entry = (await api(`/${encodeURIComponent(type)}/${encodeURIComponent(documentId)}`)).data;
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) return { node: withdrawnView(type, documentId, error), title: '该信息已撤回' };
      throw error;
    }
    const typeRows = (TYPE_FIELDS[type] || []).map((field) => [field.label, fieldValue(entry, field), field.key]).filter(([, value]) => value);
    const node = h(
      'article',
      { id: 'entry', class: 'page entry-detail', 'data-document-id': entry.documentId, 'data-type': entry.type || type, 'aria-labelledby': 'entry-title' },
      h('h2', { id: 'entry-title', tabindex: '-1' }, entry.title),
      h('section', { class: 'catalogue-box', 'aria-labelledby': 'catalogue-title' }, h('h3', { id: 'catalogue-title', class: 'visually-hidden' }, '信息目录'), fieldList([...catalogueRows(entry), ...typeRows], 'fields catalogue')),
      entry.summary ? h('section', { class: 'summary', 'aria-labelledby': 'summary-title' }, h('h3', { id: 'summary-title' }, '内容概述'), h('p', {}, entry.summary)) : null,
      type === 'interpretations' && entry.policy ? relatedLinks('解读的政策文件', 'interpreted-policy', [entry.policy], 'policies', '') : null,
      entry.body ? h('section', { class: 'body', 'aria-labelledby': 'body-title' }, h('h3', { id: 'body-title' }, '正文'), richText(entry.body, 4)) : null,
      qaList(entry.qa),
      positionsTable(entry.positions),
      attachmentsList(entry.attachments),
      type === 'policies' ? relatedLinks('政策解读', 'policy-interpretations', entry.interpretations, 'interpretations', '暂无解读') : null,
    );
    return { node, title: entry.title };
  }

  /* ------------------------------------------------------------------ router */

  function parseRoute() {
    let raw = window.location.hash.replace(/^#/, '');
    if (!raw.startsWith('/')) raw = '/'; // "#main" and other in-page anchors: the home page
    const i = raw.indexOf('?');
    const path = (i === -1 ? raw : raw.slice(0, i)) || '/';
    const query = new URLSearchParams(i === -1 ? '' : raw.slice(i + 1));
    const segments = path.split('/').filter(Boolean).map((s) => {
      try {
        return decodeURIComponent(s);
      } catch (e) {
        return s;
      }
    });
    return { segments, query };
  }

  const ROUTES = {
    '': { nav: 'home', title: '最新公开', render: () => viewHome() },
    guide: { nav: 'guide', title: '政府信息公开指南', render: () => viewGuide() },
    categories: { nav: 'categories', title: '法定主动公开内容', render: () => viewCategories() },
    category: { nav: 'categories', title: '法定主动公开内容', render: (s, q) => viewCategory(s[1], q) },
    policies: { nav: 'policies', title: '政策文件', render: (s, q) => viewPolicies(q) },
    'annual-reports': { nav: 'annual-reports', title: '政府信息公开年报', render: (s) => (s[1] ? viewAnnualReport(s[1]) : viewAnnualReports()) },
    apply: { nav: 'apply', title: '依申请公开', render: (s) => (s[1] === 'status' ? { node: viewApplicationStatus(), title: '查询办理进度' } : viewApply()) },
    search: { nav: null, title: '搜索', render: (s, q) => viewSearch(q) },
    entry: { nav: null, title: '信息详情', render: (s) => viewEntry(s[1], s[2]) },
  };

  let renderCount = 0;

  async function render(moveFocus) {
    const seq = ++renderCount;
    const { segments, query } = parseRoute();
    let route = ROUTES[segments[0] || ''];
    if (
      !route ||
      (segments[0] === 'entry' && segments.length !== 3) ||
      (segments[0] === 'category' && segments.length !== 2) ||
      (segments[0] === 'annual-reports' && segments.length > 2) ||
      (segments[0] === 'apply' && segments.length > 1 && (segments.length !== 2 || segments[1] !== 'status'))
    ) {
      route = null;
    }
    markNav(route ? route.nav : null);
    const container = view();
    container.setAttribute('aria-busy', 'true');
    announce('正在加载…', true);
    let node;
    let title = route ? route.title : '页面不存在';
    try {
      if (!route) throw new ApiError(404, 'NO_ROUTE');
      const result = await route.render(segments, query);
      if (result && result.node) {
        node = result.node;
        title = result.title || title;
      } else {
        node = result;
      }
    } catch (error) {
      if (!(error instanceof ApiError)) {
        // eslint-disable-next-line no-console
        console.error(error);
      }
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'CLIENT');
      title = apiError.code === 'NO_ROUTE' ? '页面不存在' : apiError.status === 401 ? '无法访问' : apiError.status === 404 ? '未找到该信息' : '出错了';
      node = page('error', title, errorNotice(apiError));
    }
    if (seq !== renderCount) return; // a newer navigation won
    container.replaceChildren(node);
    container.removeAttribute('aria-busy');
    container.setAttribute('data-rendered', window.location.hash || '#/');
    setTitle(title);
    announce(node.querySelector('[role="alert"]') ? `${title}` : `已加载：${title}`);
    if (moveFocus) {
      const heading = container.querySelector('h2');
      if (heading) heading.focus({ preventScroll: false });
    }
  }

  async function loadSite() {
    if (!token()) return;
    try {
      const site = (await api('/site')).data;
      if (site && site.name) {
        siteName = site.name;
        document.getElementById('site-name').textContent = site.name;
        setTitle(document.title.split(' - ')[0]);
      }
    } catch (e) {
      /* the page view reports token and connection problems */
    }
  }

  function start() {
    takeTokenFromFragment();

    document.getElementById('skip-link').addEventListener('click', (event) => {
      // The fragment is the router's: move focus to the main content without changing it.
      event.preventDefault();
      const main = document.getElementById('main');
      main.focus();
      main.scrollIntoView();
    });

    document.getElementById('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = document.getElementById('search-q');
      const q = input.value.trim().slice(0, 100);
      const target = `#/search?q=${encodeURIComponent(q)}`;
      if (window.location.hash === target) render(true);
      else window.location.hash = target;
    });

    window.addEventListener('hashchange', () => {
      if (/(^#|[?&])token=/.test(window.location.hash)) takeTokenFromFragment();
      const raw = window.location.hash;
      // In-page anchors (not routes) that name an element are left to the browser.
      if (raw && !raw.startsWith('#/') && document.getElementById(raw.slice(1))) return;
      render(true);
    });

    loadSite();
    render(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
