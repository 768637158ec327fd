// Authorization rows for reports and the network page (issue 12): reports are for samordnare and admin.
import type { AuthzCase, AuthzDomain, Outcome } from './types.ts';

const everyone = { anonymous: 'ok', medlem: 'ok', samordnare: 'ok', admin: 'ok' } as const;
const coordinators = { anonymous: 'login', medlem: 'forbidden', samordnare: 'ok', admin: 'ok' } as const;

const page = (route: string, expect: Record<string, Outcome>, path = route): AuthzCase => ({ route, method: 'GET', path, expect: expect as AuthzCase['expect'] });

const domain: AuthzDomain = {
  name: 'reports',
  setup: () => ({ params: {} }),
  cases: [
    page('/natverket', everyone),
    page('/rapporter', coordinators),
    page('/rapporter', coordinators, '/rapporter?from=2026-01-01&to=2026-06-30'),
    page('/rapporter/[tabell].csv', coordinators, '/rapporter/per-kommun.csv'),
    page('/rapporter/rapport.xlsx', coordinators),
  ],
};

export default domain;
