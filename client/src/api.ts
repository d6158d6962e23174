/**
 * The client's only way to the server: typed GETs/POSTs on /api, errors surfaced as ApiError
 * carrying the problem+json title/detail (shown as-is to the user).
 */
import type {
  ActorDetailResponse,
  ActorsResponse,
  ArticleResponse,
  FacetsResponse,
  GraphResponse,
  StanceChangesResponse,
  VersionResponse,
  ViewStatementsResponse,
  IssuesResponse,
  StatementsResponse,
  TimelineResponse,
} from '../../server/contract.ts';
import type { ConsoleResult } from '../../cypher/store.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly requestId: string | null,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

/** exported for client/src/review/review-api.ts (the review calls carry a bearer token) */
export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
  } catch (err) {
    throw new ApiError(0, 'Server unreachable', err instanceof Error ? err.message : String(err), null);
  }
  if (!res.ok) {
    let title = res.statusText || `HTTP ${res.status}`;
    let detail = '';
    let requestId: string | null = null;
    try {
      const body = (await res.json()) as { title?: unknown; detail?: unknown; requestId?: unknown };
      if (typeof body.title === 'string') title = body.title;
      if (typeof body.detail === 'string') detail = body.detail;
      if (typeof body.requestId === 'string') requestId = body.requestId;
    } catch {
      // not problem+json: keep the status line
    }
    throw new ApiError(res.status, title, detail, requestId);
  }
  return (await res.json()) as T;
}

export function qs(params: Record<string, string | number | undefined | null | readonly string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else if (v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface GraphParams {
  view: 'actors' | 'claims';
  types?: readonly string[];
  issues?: readonly string[];
  stances?: readonly string[];
}

/** The explorer's filters as API parameters (days, csv lists). */
export interface ViewFilterParams {
  from?: string | undefined;
  to?: string | undefined;
  types?: readonly string[];
  issues?: readonly string[];
  stances?: readonly string[];
  speaker?: string | undefined;
}

/**
 * Reads a paged list to its end: the server bounds every page (keyset cursor `after`); the page's
 * filters run over everything, so facets and issues are gathered whole.
 */
async function allPages<R extends { nextCursor: string | null }>(path: string, merge: (into: R, page: R) => void): Promise<R> {
  const first = await request<R>(path);
  let cursor = first.nextCursor;
  while (cursor !== null) {
    const page = await request<R>(`${path}${path.includes('?') ? '&' : '?'}after=${encodeURIComponent(cursor)}`);
    merge(first, page);
    cursor = page.nextCursor;
  }
  first.nextCursor = null;
  return first;
}

export const api = {
  actors: (q?: string, limit = 500) => request<ActorsResponse>(`/api/actors${qs({ q, limit })}`),
  actor: (id: string) => request<ActorDetailResponse>(`/api/actors/${encodeURIComponent(id)}`),
  statements: (p: { from?: string; to?: string; speaker?: string; issue?: string; limit?: number; offset?: number }) =>
    request<StatementsResponse>(`/api/statements${qs(p)}`),
  // the date range is applied client-side (reducers), so the brush never refetches the graph
  graph: (p: GraphParams) => request<GraphResponse>(`/api/graph${qs({ view: p.view, types: p.types, issues: p.issues, stances: p.stances })}`),
  issues: () =>
    allPages<IssuesResponse>('/api/issues', (into, page) => {
      for (const i of page.issues) into.issues.push(i);
    }),
  facets: () =>
    allPages<FacetsResponse>('/api/views/facets', (into, page) => {
      for (const f of page.statements) into.statements.push(f);
    }),
  viewStatements: (p: ViewFilterParams & { limit?: number; offset?: number }) => request<ViewStatementsResponse>(`/api/views/statements${qs({ ...p })}`),
  stanceChanges: (p: ViewFilterParams & { by: 'actor' | 'office' }) => request<StanceChangesResponse>(`/api/views/stance-changes${qs({ ...p })}`),
  version: () => request<VersionResponse>('/api/version'),
  timeline: () => request<TimelineResponse>('/api/timeline'),
  article: (id: string) => request<ArticleResponse>(`/api/articles/${encodeURIComponent(id)}`),
  cypher: (query: string, params: Record<string, unknown> = {}) =>
    request<ConsoleResult>('/api/cypher', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, params }) }),
};
