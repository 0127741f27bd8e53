/**
 * The message map: every message the background answers, in one table. Each entry names its request and
 * answer types and the contexts that may send it. Everything else is derived from this table: the wire
 * protocol (@webext-core/messaging), the `Handlers` the background must satisfy, the background's
 * registration with its sender check (lib/background/register.ts) and the typed clients of the pages and
 * the content script (./client.ts). A new message is one entry here plus its handler.
 *
 * No message ever carries the Calendly token.
 */
import type {
  AvailabilityAnswer,
  AvailabilityQuery,
  ComposeReport,
  ConnectedUser,
  EventTypeSummary,
  OfferedAnswer,
  OfferedCheck,
  Member,
  OffersAnswer,
  Result,
  SlotsAnswer,
  SlotsRequest,
  Status,
  TeamSummary,
  TeamSummaryRequest,
} from './types';

/**
 * Who sends a message to the background, as the browser reports the sender (not as the message claims):
 * - `page`: the extension's own pages (popup, options, availability, welcome), at the extension's origin;
 * - `content`: the content script, in a tab on https://mail.google.com. It runs beside a page that may
 *   be compromised, so it gets only what the compose button needs: read-only asks for slots, event types
 *   and the account status, the cache warm-up, and opening the options page. Nothing that changes the
 *   account, reads other people's calendars or starts long work.
 */
export type SenderContext = 'page' | 'content';

/** One message: its types (carried in a never-set field) and the contexts that may send it. */
export interface MessageSpec<Req, Res, From extends SenderContext> {
  readonly from: readonly From[];
  readonly types?: { request: Req; answer: Res };
}

/**
 * `message<Request, Answer>().from('page', ...)`. `void` as the request means the message takes no data;
 * a request type whose fields are all optional may be left out by the sender.
 */
function message<Req, Res>() {
  return {
    from: <const From extends SenderContext>(...from: From[]): MessageSpec<Req, Res, From> => ({ from }),
  };
}

export const CONTRACT = {
  /** Whether an account is connected, and who. */
  getStatus: message<void, Status>().from('page', 'content'),
  /** Verifies the token the options page left in `pendingToken` storage and keeps it when valid. */
  connect: message<void, Result<ConnectedUser>>().from('page'),
  disconnect: message<void, Result<null>>().from('page'),
  /** "Sign in with Calendly" (OAuth with PKCE); only when this build has a client id. */
  signIn: message<void, Result<ConnectedUser>>().from('page'),
  /** Whether this build offers "Sign in with Calendly". */
  oauthAvailable: message<void, boolean>().from('page'),
  listEventTypes: message<void, Result<EventTypeSummary[]>>().from('page', 'content'),
  getSlots: message<SlotsRequest, Result<SlotsAnswer>>().from('page', 'content'),
  /** Warm the cache for the default event type (sent when a compose window opens); true when it did. */
  prefetch: message<void, boolean>().from('content'),
  /**
   * Which offered times in the tab's open drafts are no longer free (at most one check a minute per tab,
   * answered from the same cache as getSlots). Read-only, like getSlots.
   */
  checkOffered: message<OfferedCheck, Result<OfferedAnswer>>().from('content'),
  /** Opens the options page (the compose button's "Open settings"). */
  openOptions: message<void, null>().from('page', 'content'),
  /** The user and, for admins and owners, the organization's members. */
  listMembers: message<void, Result<Member[]>>().from('page'),
  getAvailability: message<AvailabilityQuery, Result<AvailabilityAnswer>>().from('page'),
  /** Starts (or, for the same period, continues) the team availability summary; admins and owners only. */
  startTeamSummary: message<TeamSummaryRequest, Result<TeamSummary>>().from('page'),
  /** The team summary so far (polled by the availability page); resumes one interrupted by a worker restart. */
  getTeamSummary: message<void, Result<TeamSummary | null>>().from('page'),
  cancelTeamSummary: message<void, Result<null>>().from('page'),
  /**
   * How the content script found each open compose of its tab (diagnostics, kept in session storage, never
   * sent anywhere). Its handler also gets the sender (the tab the report is about).
   */
  reportComposes: message<ComposeReport, null>().from('content'),
  /** The popup's Offers view: single-use offers made here and (with `shares:read`) the account's shares. */
  listOffers: message<void, Result<OffersAnswer>>().from('page'),
  /** Deletes an unbooked offer's share (a write to Calendly: pages only); answers the updated list. */
  withdrawOffer: message<{ shareUri: string }, Result<OffersAnswer>>().from('page'),
  /** How many recipients have a remembered second time zone (issue 19; the options page). */
  countRecipientZones: message<void, number>().from('page'),
  /** Forgets every remembered second time zone (the options page's button). */
  forgetRecipientZones: message<void, Result<null>>().from('page'),
} as const;

type Contract = typeof CONTRACT;
/** Every message the background answers. */
export type MessageType = keyof Contract;
export const MESSAGE_TYPES = Object.keys(CONTRACT) as MessageType[];

export type RequestOf<K extends MessageType> = Contract[K] extends MessageSpec<infer Req, unknown, SenderContext> ? Req : never;
export type AnswerOf<K extends MessageType> = Contract[K] extends MessageSpec<unknown, infer Res, SenderContext> ? Res : never;
type FromOf<K extends MessageType> = Contract[K] extends MessageSpec<unknown, unknown, infer From> ? From : never;

/** The messages a context may send. */
export type SendableFrom<C extends SenderContext> = { [K in MessageType]: C extends FromOf<K> ? K : never }[MessageType];

/** The arguments a sender passes: none for `void`, optional when every field is optional. */
export type RequestArgs<K extends MessageType> = [RequestOf<K>] extends [void]
  ? []
  : {} extends RequestOf<K>
    ? [data?: RequestOf<K>]
    : [data: RequestOf<K>];

/** What a handler receives: the request, or undefined when the sender may leave it out. */
export type HandlerData<K extends MessageType> = RequestArgs<K> extends [] ? undefined : RequestArgs<K>[0];

/**
 * What the background must provide: one handler per message, answering with exactly the message's type.
 * The background builds its handlers object with `satisfies Handlers`, so a missing handler, an extra one
 * or a wrong answer shape is a compile error (see contract.typetest.ts).
 */
export type Handlers = { [K in MessageType]: (data: HandlerData<K>) => AnswerOf<K> | Promise<AnswerOf<K>> };

/** Whether the policy lets `context` send `type`. */
export function mayReceive(type: string, context: SenderContext): boolean {
  const spec = (CONTRACT as Record<string, MessageSpec<unknown, unknown, SenderContext>>)[type];
  return Boolean(spec?.from.includes(context));
}

/** Messages the background sends to a tab's content script (the other direction). */
export interface TabProtocol {
  /** The keyboard shortcut was pressed in this tab: insert into the focused compose. */
  insertIntoFocusedCompose(): null;
  /** The background's cached default answer is gone: drop the warm copy (lib/gmail/warm-answer.ts). */
  dropWarmAnswer(): null;
}

/** The whole wire protocol, in @webext-core/messaging's function form. */
export type ProtocolMap = { [K in MessageType]: (...args: RequestArgs<K>) => AnswerOf<K> } & TabProtocol;
