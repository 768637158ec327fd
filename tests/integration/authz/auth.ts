// Authorization rows for accounts, Mina sidor, organisations and administration (issue 3).
// Actors: anonymous, medlem, samordnare, admin (base) and `avstangd`, a deactivated member whose
// session must count for nothing.
import { eq } from 'drizzle-orm';
import { organisationChangeRequests, users } from '#db/schema/index.ts';
import type { AuthzCase, AuthzDomain, Outcome } from './types.ts';

const everyone = { anonymous: 'ok', medlem: 'ok', samordnare: 'ok', admin: 'ok', avstangd: 'ok' } as const;
const members = { anonymous: 'login', medlem: 'ok', samordnare: 'ok', admin: 'ok', avstangd: 'login' } as const;
const coordinators = { anonymous: 'login', medlem: 'forbidden', samordnare: 'ok', admin: 'ok', avstangd: 'login' } as const;
const admins = { anonymous: 'login', medlem: 'forbidden', samordnare: 'forbidden', admin: 'ok', avstangd: 'login' } as const;

const page = (route: string, expect: Record<string, Outcome>, path = route): AuthzCase => ({
  route,
  method: 'GET',
  path,
  expect: expect as AuthzCase['expect'],
});
const action = (name: string, expect: Record<string, Outcome>, fields: Record<string, string> = {}): AuthzCase => ({
  route: `action:auth.${name}`,
  method: 'POST',
  path: `/_actions/auth.${name}`,
  fields,
  expect: expect as AuthzCase['expect'],
});

const domain: AuthzDomain = {
  name: 'auth',
  setup({ db, createUser }) {
    const target = createUser({ role: 'member' });
    const deactivated = createUser({ role: 'member' });
    db.update(users).set({ status: 'deactivated' }).where(eq(users.id, deactivated.id)).run();
    const pending = db
      .insert(users)
      .values({ email: `vantar-${Date.now()}@exempel.se`, name: 'Väntande Person', passwordHash: 'x', status: 'pending' })
      .returning()
      .get();
    const change = db.insert(organisationChangeRequests).values({ userId: target.id, organisationId: null, status: 'pending' }).returning().get();
    return {
      params: { targetMember: String(target.id), pendingMember: String(pending.id), deactivatedMember: String(deactivated.id), changeRequest: String(change.id) },
      actors: { avstangd: deactivated.id },
    };
  },
  cases: [
    // Public on-demand routes of the foundation (issue 2), kept here so the table stays complete.
    page('/', everyone),
    page('/healthz', everyone),
    page('/500', everyone),
    page('/logga-in', everyone),
    { route: '/logga-ut', method: 'POST', path: '/logga-ut', expect: everyone as AuthzCase['expect'] },
    page('/skapa-konto', everyone),
    page('/verifiera', everyone),
    page('/glomt-losenord', everyone),
    page('/nytt-losenord', everyone),
    page('/organisationer', everyone),
    page('/mina-sidor', members),
    page('/mina-sidor/profil', members),
    page('/mina-sidor/sakerhet', members),
    page('/mina-sidor/mina-uppgifter', members),
    page('/mina-sidor/mina-uppgifter/hamta', members),
    page('/admin', coordinators),
    page('/admin/medlemmar/[id]', coordinators, '/admin/medlemmar/{targetMember}'),
    page('/admin/organisationer', admins),
    page('/admin/utkorg', admins),

    action('signup', everyone, { name: 'Matris Person', email: 'matris@exempel.se', password: 'matris-losenord-lang' }),
    action('verify', everyone, { email: 'matris@exempel.se', code: 'AAAAAAAA' }),
    action('resendCode', everyone, { email: 'matris-ny@exempel.se' }),
    action('login', everyone, { email: 'ingen-matris@exempel.se', password: 'fel-losenord-123' }),
    action('requestReset', everyone, { email: 'ingen-matris@exempel.se' }),
    action('resetPassword', everyone, { token: 'ogiltig-token-123', password: 'matris-losenord-lang', passwordConfirm: 'matris-losenord-lang' }),
    action('updateProfile', members, { name: 'Ny Matris' }),
    action('requestOrganisationChange', members, { organisationId: '0', message: 'Ny arbetsgivare' }),
    action('withdrawOrganisationChange', members),
    action('decideOrganisationChange', coordinators, { requestId: '{changeRequest}', decision: 'deny' }),
    action('changePassword', members, { currentPassword: 'fel-losenord-123', newPassword: 'matris-losenord-lang', newPasswordConfirm: 'matris-losenord-lang' }),
    action('logoutEverywhere', members),
    action('deleteAccount', members, { password: 'fel-losenord-123', confirm: 'true' }),
    action('approveMember', coordinators, { userId: '{pendingMember}' }),
    action('setMemberStatus', admins, { userId: '{targetMember}', status: 'deactivated' }),
    action('setMemberRole', admins, { userId: '{targetMember}', role: 'coordinator', isContactPerson: 'false' }),
    action('saveOrganisation', admins, { name: 'Matrisföreningen', type: 'association', emailDomains: 'matris.example.se' }),
  ],
};

export default domain;
