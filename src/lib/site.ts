// Facts about the service that appear on several public pages.
export const SITE = {
  name: 'Skaraborgsnätet',
  contactEmail: import.meta.env.PUBLIC_CONTACT_EMAIL ?? 'kontakt@skaraborgsnatet.se',
  accessibilityAssessed: new Date('2026-11-23'),
  accessibilityUpdated: new Date('2026-11-23'),
  privacyUpdated: new Date('2026-11-23'),
};
