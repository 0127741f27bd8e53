/**
 * `auth.calendly.com` stand-ins: authorization-code flow with PKCE (S256), 10-minute codes, access tokens
 * that expire after 7200 s of the fake clock, and single-use rotating refresh tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFields, readBody, sendJson } from './http';
import type { FakeCalendlyState } from './model';

/** How the fake authorization server behaves; tests mutate it through the controller's `oauth`. */
export interface OAuthSettings {
  /** The user who "logs in" on the consent page; default the default user. */
  user: string;
  /** Scopes granted when the authorize request names none. */
  scopes: string[] | 'all';
  /** When set, only this client id is accepted. */
  clientId?: string;
  /** Simulate the user clicking "Deny": redirect with `error=access_denied`. */
  deny: boolean;
  /** Access-token lifetime in seconds (Calendly: 2 hours). */
  accessTokenSeconds: number;
}

interface Grant {
  user: string;
  scopes: string[] | 'all';
  clientId: string;
}

const CODE_TTL_MS = 10 * 60_000;

const randomToken = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

/** Creates the OAuth routes over `state`, reading time from `now`. */
export function createOAuth(state: FakeCalendlyState, now: () => number, settings: OAuthSettings) {
  const codes = new Map<string, Grant & { challenge: string; redirectUri: string; expiresAt: number; used: boolean }>();
  const refreshTokens = new Map<string, Grant & { used: boolean }>();

  function issue(grant: Grant) {
    const access = randomToken('oat');
    const refresh = randomToken('ort');
    const created = now();
    state.tokens.set(access, {
      user: grant.user,
      scopes: grant.scopes === 'all' ? 'all' : new Set(grant.scopes),
      expiresAt: created + settings.accessTokenSeconds * 1000,
      kind: 'oauth',
    });
    refreshTokens.set(refresh, { ...grant, used: false });
    return {
      token_type: 'Bearer',
      access_token: access,
      refresh_token: refresh,
      expires_in: settings.accessTokenSeconds,
      created_at: Math.floor(created / 1000),
      scope: grant.scopes === 'all' ? 'default' : grant.scopes.join(' '),
      owner: grant.user,
      organization: state.organization.uri,
    };
  }

  const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
    sendJson(res, status, { error, error_description: description });

  function authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri) return oauthError(res, 400, 'invalid_request', 'redirect_uri is required');
    const back = new URL(redirectUri);
    const state_ = q.get('state');
    if (state_ !== null) back.searchParams.set('state', state_);
    const fail = (error: string, description: string) => {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', description);
      res.writeHead(302, { Location: back.toString() }).end();
    };
    if (settings.clientId && q.get('client_id') !== settings.clientId) return fail('invalid_client', 'Unknown client_id');
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') {
      return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256');
    }
    if (settings.deny) return fail('access_denied', 'The user denied the request');
    const requested = q.get('scope');
    const code = randomToken('code');
    codes.set(code, {
      user: settings.user,
      scopes: requested ? requested.split(/\s+/).filter(Boolean) : settings.scopes,
      clientId: q.get('client_id') ?? '',
      challenge: q.get('code_challenge')!,
      redirectUri,
      expiresAt: now() + CODE_TTL_MS,
      used: false,
    });
    back.searchParams.set('code', code);
    res.writeHead(302, { Location: back.toString() }).end();
  }

  function token(fields: Record<string, string>, res: ServerResponse): void {
    if (settings.clientId && fields.client_id !== settings.clientId) return oauthError(res, 401, 'invalid_client', 'Unknown client_id');
    if (fields.grant_type === 'authorization_code') {
      const code = codes.get(fields.code ?? '');
      if (!code || code.used || code.expiresAt <= now()) return oauthError(res, 400, 'invalid_grant', 'The authorization code is invalid or expired');
      code.used = true;
      if (fields.redirect_uri !== code.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match');
      const verifier = fields.code_verifier ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
        return oauthError(res, 400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      }
      return sendJson(res, 200, issue(code));
    }
    if (fields.grant_type === 'refresh_token') {
      const grant = refreshTokens.get(fields.refresh_token ?? '');
      // Calendly's refresh tokens are single-use: a second use (e.g. two refreshes racing) fails.
      if (!grant || grant.used) return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid or was already used');
      grant.used = true;
      return sendJson(res, 200, issue(grant));
    }
    return oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }

  return {
    /** Answers an `auth.calendly.com` request. */
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
      if (req.method === 'GET' && url.pathname === '/oauth/authorize') return authorize(url, res);
      if (req.method === 'POST' && url.pathname === '/oauth/token') return token(parseFields(req, await readBody(req)), res);
      if (req.method === 'POST' && url.pathname === '/oauth/revoke') {
        const fields = parseFields(req, await readBody(req));
        const t = fields.token ?? '';
        state.tokens.delete(t);
        const grant = refreshTokens.get(t);
        if (grant) grant.used = true;
        return sendJson(res, 200, {});
      }
      sendJson(res, 404, { title: 'Resource Not Found', message: 'The server could not find the requested resource.' });
    },
  };
}
