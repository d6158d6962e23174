/**
 * The reviewer's token and name, kept in sessionStorage: they last as long as the tab, are never
 * put in the URL or in localStorage, and go only in the Authorization header of review writes.
 */
const TOKEN_KEY = 'claimgraph.review.token';
const NAME_KEY = 'claimgraph.review.name';

/** The storage calls used (sessionStorage satisfies it; tests may pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function store(): KeyValueStore | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage blocked (privacy mode): the token lives only in memory
  }
}

let memory: { token: string | null; name: string | null } = { token: null, name: null };

export function getToken(s: KeyValueStore | null = store()): string | null {
  return (s ? s.getItem(TOKEN_KEY) : memory.token) || null;
}

export function getReviewer(s: KeyValueStore | null = store()): string | null {
  return (s ? s.getItem(NAME_KEY) : memory.name) || null;
}

export function saveToken(token: string, name: string, s: KeyValueStore | null = store()): void {
  const t = token.trim();
  const n = name.trim();
  if (!s) {
    memory = { token: t || null, name: n || null };
    return;
  }
  if (t) s.setItem(TOKEN_KEY, t);
  else s.removeItem(TOKEN_KEY);
  if (n) s.setItem(NAME_KEY, n);
  else s.removeItem(NAME_KEY);
}

export function forgetToken(s: KeyValueStore | null = store()): void {
  if (!s) memory = { token: null, name: null };
  else {
    s.removeItem(TOKEN_KEY);
    s.removeItem(NAME_KEY);
  }
}
