/**
 * Typed calls to the review API (REVIEW.md "HTTP API"). Writes carry the reviewer's bearer token;
 * errors are the client's ApiError (problem+json title/detail), shown as-is.
 */
import type { CorrectionAction, CorrectionRequest } from '../../../ingest/review/corrections.ts';
import type { CorrectionsResponse, QueueResponse, RecordCorrectionResponse } from '../../../server/contract-review.ts';
import { qs, request } from '../api.ts';
import { getReviewer, getToken } from './token.ts';

/** 201 of POST /api/review/corrections and of …/:id/undo */
export type RecordedCorrection = RecordCorrectionResponse;
export type CorrectionsList = CorrectionsResponse;
export type ReviewQueue = QueueResponse;
export type QueueItem = QueueResponse['items'][number];

export class NoTokenError extends Error {
  constructor() {
    super('Enter a reviewer token first.');
    this.name = 'NoTokenError';
  }
}

function authHeaders(): Record<string, string> {
  const token = getToken();
  if (!token) throw new NoTokenError();
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** Reads send the token when there is one (the server may keep the queue to reviewers). */
function readHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The reviewer's name goes with each write when given (else the server names the token). */
function by(): { by?: string } {
  const name = getReviewer();
  return name ? { by: name } : {};
}

export const reviewApi = {
  record(action: CorrectionAction, why?: string): Promise<RecordedCorrection> {
    const body: CorrectionRequest = { ...by(), ...(why ? { why } : {}), action };
    return request<RecordedCorrection>('/api/review/corrections', { method: 'POST', headers: authHeaders(), body: JSON.stringify(body) });
  },
  undo(id: string, why?: string): Promise<RecordedCorrection> {
    return request<RecordedCorrection>(`/api/review/corrections/${encodeURIComponent(id)}/undo`, {
      method: 'POST',
      headers: authHeaders(),
      body: JSON.stringify({ ...by(), ...(why ? { why } : {}) }),
    });
  },
  corrections(p: { article?: string; statement?: string; actor?: string; limit?: number; cursor?: string }): Promise<CorrectionsList> {
    return request<CorrectionsList>(`/api/review/corrections${qs(p)}`, { headers: readHeaders() });
  },
  queue(p: { reason?: string | undefined; limit?: number; cursor?: string }): Promise<ReviewQueue> {
    return request<ReviewQueue>(`/api/review/queue${qs(p)}`, { headers: readHeaders() });
  },
};
