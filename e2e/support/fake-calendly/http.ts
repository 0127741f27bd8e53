/** Response helpers shared by the fake's routes: JSON bodies, Calendly's error shape, pagination. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One `details` entry of a Calendly error body. */
export interface ErrorDetail {
  parameter: string;
  message: string;
}

/** Thrown by route code to answer with a Calendly error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** For a 403 "Insufficient scope": the scopes the operation needs (Calendly's InsufficientScopeError). */
    readonly requiredScopes?: string[],
  ) {
    super(message);
  }

  /** The JSON body Calendly sends for this error. */
  body(): { title: string; message: string; details?: ErrorDetail[]; required_scopes?: string[] } {
    if (this.requiredScopes) return { title: this.title, message: this.message, required_scopes: this.requiredScopes };
    return { title: this.title, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** 403 for a token without the operation's scope, as Calendly's published InsufficientScopeError (no `details`). */
export function insufficientScope(scope: string): ApiError {
  return new ApiError(403, 'Insufficient scope', "This operation requires the scopes listed in the 'required_scopes' array.", undefined, [scope]);
}

/** 403 where the spec declares UserNotInOrganizationError (availability schedules, busy times). */
export function notInOrganization(): ApiError {
  return new ApiError(403, 'Permission Denied', 'This user is not in your organization');
}

const STANDARD: Record<number, [string, string]> = {
  400: ['Invalid Argument', 'The supplied parameters are invalid.'],
  401: ['Unauthenticated', 'The access token is invalid'],
  403: ['Permission Denied', 'You do not have permission to access this resource.'],
  404: ['Resource Not Found', 'The server could not find the requested resource.'],
  424: ['Unable to access external calendar', 'Calendly could not read a calendar connected to this account.'],
  429: ['Too Many Requests', 'You have exceeded the rate limit. Please wait before making more requests.'],
  500: ['Internal Server Error', 'The server encountered an unexpected condition that prevented it from fulfilling the request.'],
  502: ['Bad Gateway', 'The server received an invalid response from an upstream server.'],
  503: ['Service Unavailable', 'The server is temporarily unable to handle the request.'],
  504: ['Gateway Timeout', 'The server did not receive a timely response from an upstream server.'],
};

/** Calendly's usual error for `status` (title and message). */
export function standardError(status: number, details?: ErrorDetail[]): ApiError {
  const [title, message] = STANDARD[status] ?? ['Error', `HTTP ${status}`];
  return new ApiError(status, title, message, details);
}

/** 400 "Invalid Argument" with the given details. */
export function invalid(...details: ErrorDetail[]): ApiError {
  return standardError(400, details);
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a form-encoded or JSON body into string fields. */
export function parseFields(req: IncomingMessage, text: string): Record<string, string> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const obj = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const encodeToken = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

function decodeToken(token: string): number | null {
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

/**
 * One page of `items` as Calendly returns collections: `count` (default 20, at most 100) and an opaque
 * `page_token`; `next_page`/`previous_page` are full `https://api.calendly.com` URLs with the same query.
 */
export function paginate<T>(items: T[], url: URL): { collection: T[]; pagination: Record<string, unknown> } {
  const countParam = url.searchParams.get('count');
  const count = countParam === null ? 20 : Number(countParam);
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw invalid({ parameter: 'count', message: 'must be an integer between 1 and 100' });
  }
  const tokenParam = url.searchParams.get('page_token');
  const offset = tokenParam === null ? 0 : decodeToken(tokenParam);
  if (offset === null) throw invalid({ parameter: 'page_token', message: 'is invalid' });
  const link = (o: number) => {
    const u = new URL(url.pathname + url.search, 'https://api.calendly.com');
    u.searchParams.set('page_token', encodeToken(o));
    return u.toString();
  };
  const hasNext = offset + count < items.length;
  const hasPrev = offset > 0;
  return {
    collection: items.slice(offset, offset + count),
    pagination: {
      count: Math.min(count, Math.max(items.length - offset, 0)),
      next_page: hasNext ? link(offset + count) : null,
      previous_page: hasPrev ? link(Math.max(offset - count, 0)) : null,
      next_page_token: hasNext ? encodeToken(offset + count) : null,
      previous_page_token: hasPrev ? encodeToken(Math.max(offset - count, 0)) : null,
    },
  };
}
