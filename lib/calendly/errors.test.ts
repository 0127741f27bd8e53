import { describe, expect, it } from 'vitest';
import { CalendlyError, detectScope, infoFromResponse, scopeForPath, toErrorInfo } from './errors';
import type { ErrorBody } from './types';

const body = (message = '', details: ErrorBody['details'] = [], title = ''): ErrorBody => ({ title, message, details });

describe('scopeForPath', () => {
  it.each([
    ['/users/me', 'users:read'],
    ['/event_types', 'event_types:read'],
    ['/event_type_available_times', 'availability:read'], // as the published spec's operation says
    ['/organizations/abc', 'organizations:read'],
    ['/user_availability_schedules', 'availability:read'],
    ['/user_availability_schedules/abc', 'availability:read'],
    ['/user_busy_times', 'availability:read'],
    ['/organization_memberships', 'organizations:read'],
    ['https://api.calendly.com/event_types?page_token=x', 'event_types:read'],
    ['/scheduled_events', undefined],
  ])('%s -> %s', (path, scope) => {
    expect(scopeForPath(path)).toBe(scope);
  });
});

describe('detectScope', () => {
  it('prefers a scope named in the body over the endpoint', () => {
    expect(detectScope('/event_types', body('Missing scope availability:read'))).toBe('availability:read');
  });
  it('finds a scope in details and maps :write to :read', () => {
    expect(detectScope('/users/me', body('', [{ parameter: 'scope', message: 'requires event_types:write' }]))).toBe('event_types:read');
  });
  it('uses the endpoint scope when the body talks about scopes without naming one', () => {
    expect(detectScope('/user_busy_times', body('The access token lacks the required scope.'))).toBe('availability:read');
  });
  it('finds none when the body is about something else', () => {
    expect(detectScope('/event_types', body('You do not have permission to access this resource.'))).toBeUndefined();
  });
});

describe('infoFromResponse', () => {
  it('401', () => {
    expect(infoFromResponse({ status: 401, pathOrUrl: '/users/me', body: body('The access token is invalid') })).toEqual({
      kind: 'unauthenticated',
      status: 401,
      message: 'Your Calendly connection has expired or was revoked. Reconnect in Open Slots options.',
    });
  });

  it('403 "Insufficient scope": the scopes come from required_scopes, whatever the endpoint', () => {
    const info = infoFromResponse({
      status: 403,
      pathOrUrl: '/event_type_available_times',
      body: {
        title: 'Insufficient scope',
        message: "This operation requires the scopes listed in the 'required_scopes' array.",
        details: [],
        required_scopes: ['event_types:read'],
      },
    });
    expect(info).toMatchObject({ kind: 'forbidden', scope: 'event_types:read', status: 403 });
    expect(info.message).toContain('“event_types:read”');
  });

  it('424 from /user_busy_times: one sentence saying Calendly cannot reach the connected calendar', () => {
    const info = infoFromResponse({ status: 424, pathOrUrl: '/user_busy_times', body: body('Unable to access external calendar') });
    expect(info).toMatchObject({ kind: 'calendar_unreachable', status: 424 });
    expect(info.message).toBe(
      'Calendly can’t reach a calendar connected to this account right now; check the calendar connection in Calendly, then try again.',
    );
  });

  it('403 with a scope', () => {
    const info = infoFromResponse({ status: 403, pathOrUrl: '/user_busy_times', body: body('Token is missing scope availability:read') });
    expect(info.kind).toBe('forbidden');
    expect(info.scope).toBe('availability:read');
    expect(info.message).toBe(
      'Your Calendly token is missing the “availability:read” scope. Create a new personal access token with users:read, event_types:read, availability:read and organizations:read, then reconnect.',
    );
  });

  it('403 on an organization query without admin role', () => {
    const info = infoFromResponse({
      status: 403,
      pathOrUrl: '/event_types',
      organizationScoped: true,
      body: body('You do not have permission to access this resource.', [], 'Permission Denied'),
    });
    expect(info.scope).toBeUndefined();
    expect(info.message).toBe(
      'Calendly refused access: you do not have permission to access this resource; organization-wide event types need an admin or owner role, so ask your Calendly admin or use your own event types.',
    );
  });

  it('403 without any body', () => {
    const info = infoFromResponse({ status: 403, pathOrUrl: '/users/me', body: body() });
    expect(info.message).toMatch(/^Calendly refused access: this account is not allowed to see that; reconnect with a token that has users:read/);
  });

  it('404', () => {
    const info = infoFromResponse({ status: 404, pathOrUrl: '/event_types/x', body: body('Resource Not Found') });
    expect(info).toMatchObject({ kind: 'not_found', status: 404 });
    expect(info.message).toMatch(/could not find/);
  });

  it('400 with details', () => {
    const info = infoFromResponse({
      status: 400,
      pathOrUrl: '/event_type_available_times',
      body: body('The supplied parameters are invalid.', [{ parameter: 'start_time', message: 'must be in the future' }], 'Invalid Argument'),
    });
    expect(info).toEqual({
      kind: 'invalid_request',
      status: 400,
      details: ['start_time must be in the future'],
      message: 'Calendly rejected the request: start_time must be in the future.',
    });
  });

  it('400 without details uses the message', () => {
    const info = infoFromResponse({ status: 400, pathOrUrl: '/x', body: body('Bad thing.') });
    expect(info.message).toBe('Calendly rejected the request: Bad thing.');
  });

  it.each([
    [30, 'Try again in 30 seconds.'],
    [1, 'Try again in 1 second.'],
    [0.2, 'Try again in 1 second.'],
  ])('429 after %s s', (s, tail) => {
    const info = infoFromResponse({ status: 429, pathOrUrl: '/x', body: body(), retryAfterSeconds: s });
    expect(info.kind).toBe('rate_limited');
    expect(info.message).toBe(`Calendly's rate limit was reached. ${tail}`);
  });

  it('5xx', () => {
    expect(infoFromResponse({ status: 503, pathOrUrl: '/x', body: body() })).toMatchObject({
      kind: 'server',
      status: 503,
      message: 'Calendly is having trouble right now (error 503). Try again in a few minutes.',
    });
  });
});

describe('toErrorInfo', () => {
  it('unwraps CalendlyError', () => {
    const e = new CalendlyError({ kind: 'timeout', message: 'slow' });
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('slow');
    expect(toErrorInfo(e)).toEqual({ kind: 'timeout', message: 'slow' });
  });
  it('passes through an ErrorInfo that crossed messaging', () => {
    const info = structuredClone(toErrorInfo(new CalendlyError({ kind: 'forbidden', message: 'm', scope: 'users:read', details: ['a'] })));
    expect(toErrorInfo(info)).toEqual({ kind: 'forbidden', message: 'm', scope: 'users:read', details: ['a'] });
  });
  it.each([
    [new TypeError('Failed to fetch'), 'network', "Can't reach Calendly. Check your connection and try again."],
    [new DOMException('t', 'TimeoutError'), 'timeout', 'Calendly took too long to answer. Try again in a moment.'],
    [new DOMException('a', 'AbortError'), 'network', 'The request to Calendly was cancelled. Try again.'],
    [new SyntaxError('Unexpected token'), 'malformed', 'Calendly sent an unexpected response. Try again in a moment.'],
    [new Error('boom'), 'server', 'Something went wrong while talking to Calendly. Try again in a moment.'],
    ['a string', 'server', 'Something went wrong while talking to Calendly. Try again in a moment.'],
    [undefined, 'server', 'Something went wrong while talking to Calendly. Try again in a moment.'],
  ])('%s -> %s', (e, kind, message) => {
    expect(toErrorInfo(e)).toEqual({ kind, message });
  });
});
