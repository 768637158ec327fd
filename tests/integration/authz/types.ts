import type { Db } from '#lib/db.ts';

/** What a request must lead to for an actor. */
export type Outcome =
  | 'login' // page: redirect to /logga-in?next=…; action (POST /_actions/x): 401; socket upgrade: 401
  | 'forbidden' // 403
  | 'ok'; // allowed: page 200 (or a redirect that is not to log-in); action: neither 401 nor 403; socket: 101

export type BaseActor = 'anonymous' | 'medlem' | 'samordnare' | 'admin';

export interface AuthzFixture {
  db: Db;
  /** Active users with these roles, created before setup() runs. */
  users: Record<Exclude<BaseActor, 'anonymous'>, { id: number; email: string }>;
  createUser(options?: { role?: 'member' | 'coordinator' | 'admin'; organisationId?: number | null; isContactPerson?: boolean }): { id: number; email: string };
}

export interface AuthzCase {
  /** The route file's pattern, e.g. '/aktiviteter/[slug]', or 'action:activities.register'. */
  route: string;
  /** UPGRADE: a WebSocket upgrade request (route 'socket:<path pattern>'), sent with the portal's Origin. */
  method: 'GET' | 'POST' | 'UPGRADE';
  /** Concrete path with {param} placeholders filled from setup(); for actions '/_actions/activities.register'. */
  path: string;
  /** Form fields for POST (placeholders allowed in values). */
  fields?: Record<string, string>;
  /** Outcome per actor: the four base actors always, plus any extra actors setup() returns. */
  expect: Record<BaseActor, Outcome> & Record<string, Outcome>;
}

export interface AuthzDomain {
  name: string;
  /** Inserts what the cases need straight into the running server's database. */
  setup(fixture: AuthzFixture): { params: Record<string, string>; actors?: Record<string, number> };
  cases: AuthzCase[];
}
