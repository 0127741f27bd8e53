/** Builds the fake's initial state from `fixtures/*.json`, optionally padding the organization with generated members. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type {
  BusyRecord,
  OrganizationRecord,
  EventTypeRecord,
  FakeCalendlyState,
  MembershipRecord,
  RecurringBusyRecord,
  ScheduleRecord,
  UserRecord,
} from './model';

const API = 'https://api.calendly.com';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** A stable UUID-shaped id derived from `seed` (generated members must be the same on every run). */
export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ZONES = ['America/New_York', 'Europe/London', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Berlin'];
const WDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function generatedMember(i: number, org: string): { user: UserRecord; membership: MembershipRecord; schedule: ScheduleRecord } {
  const n = String(i).padStart(3, '0');
  const slug = `member-${n}`;
  const zone = ZONES[i % ZONES.length]!;
  const uri = `${API}/users/${stableUuid(`user-${i}`)}`;
  const stamp = '2025-01-01T00:00:00.000000Z';
  return {
    user: {
      uri,
      name: `Member ${n}`,
      slug,
      email: `member${n}@example.com`,
      scheduling_url: `https://calendly.com/${slug}`,
      timezone: zone,
      avatar_url: null,
      created_at: stamp,
      updated_at: stamp,
      current_organization: org,
      resource_type: 'User',
      locale: 'en',
    },
    membership: {
      uri: `${API}/organization_memberships/${stableUuid(`membership-${i}`)}`,
      role: 'user',
      user: uri,
      organization: org,
      created_at: stamp,
      updated_at: stamp,
    },
    schedule: {
      uri: `${API}/user_availability_schedules/${stableUuid(`schedule-${i}`)}`,
      default: true,
      name: 'Working hours',
      user: uri,
      timezone: zone,
      rules: WDAYS.map((wday) => ({
        type: 'wday' as const,
        wday,
        intervals: wday === 'saturday' || wday === 'sunday' ? [] : [{ from: '09:00', to: '17:00' }],
      })),
    },
  };
}

/** Fresh state from the fixtures; `orgMembers` (if larger) is the organization's total member count. */
export function seedState(orgMembers = 0): FakeCalendlyState {
  const users = fixture<UserRecord[]>('users.json');
  type OrgFixture = OrganizationRecord & { memberships: Array<Omit<MembershipRecord, 'organization'>> };
  // The default user's organization, and a second one with no name (Calendly's `name` is optional).
  const orgs = [fixture<OrgFixture>('organization.json'), fixture<OrgFixture>('organization-unnamed.json')];
  const org = orgs[0]!;
  const memberships: MembershipRecord[] = orgs.flatMap((o) => o.memberships.map((m) => ({ ...m, organization: o.uri })));
  const organizations = new Map(orgs.map(({ memberships: _m, ...o }) => [o.uri, o as OrganizationRecord]));
  const schedules = fixture<ScheduleRecord[]>('availability-schedules.json');
  const busy = fixture<{ recurring: RecurringBusyRecord[]; absolute: BusyRecord[] }>('busy-times.json');
  for (let i = org.memberships.length + 1; i <= orgMembers; i++) {
    const g = generatedMember(i, org.uri);
    users.push(g.user);
    memberships.push(g.membership);
    schedules.push(g.schedule);
  }
  return {
    organization: organizations.get(org.uri)!,
    organizations,
    users: new Map(users.map((u) => [u.uri, u])),
    memberships,
    eventTypes: fixture<EventTypeRecord[]>('event-types.json'),
    schedules,
    busyTimes: busy.absolute,
    recurringBusy: busy.recurring,
    tokens: new Map(),
    availability: new Map(),
    rangeLimitDays: 31,
    rateLimit: 500,
  };
}
