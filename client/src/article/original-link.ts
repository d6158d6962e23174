/**
 * Which article URLs the explorer makes links of: http(s) only. The server refuses other schemes
 * at ingest, but an older store or another writer may still hold one, and a `javascript:` href
 * runs script in the explorer's origin when clicked; so the client checks again (defence in depth).
 */

/** The URL to put in an href, or null when it must be shown as text only. */
export function linkableUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    // no base: a relative or scheme-less string is not an article's address
    u = new URL(url);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
  // the parsed form, so the browser follows exactly what was checked
  return u.href;
}
