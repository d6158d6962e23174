/**
 * Content-derived ids (FollowTheMoney style): the same article text always yields the same ids,
 * so re-ingesting changes nothing.
 */
import { createHash } from 'node:crypto';

export function hashId(prefix: string, ...parts: (string | number)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(String(p)).update('\u0000');
  return `${prefix}_${h.digest('hex').slice(0, 16)}`;
}

/** An article is identified by its text alone (title/source changes do not fork it). */
export const articleId = (text: string) => hashId('art', text.replace(/\r\n?/g, '\n').trim());

export const statementId = (articleId: string, kind: string, start: number, end: number, speakerId: string) =>
  hashId('st', articleId, kind, start, end, speakerId);

/** Anonymous and document speakers are scoped to their article: "a US official" in 2011 is not the one of 2024. */
export const localActorId = (articleId: string, slug: string) => `${slug}@${articleId.slice(4, 12)}`;
