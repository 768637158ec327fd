// The account mails, all in Swedish. Links are built from the portal's public base URL.
import { composeMail } from '#lib/mail/layout.ts';
import { sendMail } from '#lib/mail/outbox.ts';
import type { Db } from '#lib/db.ts';
import { formatTime } from '#lib/time.ts';

export function sendVerificationMail(db: Db, baseUrl: string, to: string, name: string, code: string, expiresAt: Date): void {
  const link = `${baseUrl}/verifiera?${new URLSearchParams({ e: to, kod: code })}`;
  const body = composeMail(
    [
      `Hej ${name}!`,
      `Din kod för att bekräfta e-postadressen till ditt konto på Skaraborgsnätet är:\n\n${code}`,
      `Skriv in koden på sidan Verifiera e-post, eller öppna länken nedan. Koden gäller till kl. ${formatTime(expiresAt)}.`,
      'Om du inte har skapat något konto kan du bortse från det här mejlet.',
    ],
    { url: link, label: 'Bekräfta din e-postadress' },
  );
  // The code stays out of the subject: notification previews show subjects on locked screens.
  sendMail(db, { to, subject: 'Bekräfta din e-postadress till Skaraborgsnätet', ...body });
}

export function sendAccountExistsMail(db: Db, baseUrl: string, to: string, name: string): void {
  const body = composeMail(
    [
      `Hej ${name}!`,
      'Någon försökte nyss skapa ett konto på Skaraborgsnätet med din e-postadress. Du har redan ett konto, så inget nytt konto skapades.',
      'Om det var du kan du logga in som vanligt. Har du glömt lösenordet kan du välja ett nytt via länken Glömt lösenord på inloggningssidan.',
      'Om det inte var du behöver du inte göra något.',
    ],
    { url: `${baseUrl}/logga-in`, label: 'Logga in' },
  );
  sendMail(db, { to, subject: 'Försök att skapa konto med din e-postadress', ...body });
}

export function sendPendingApprovalMail(db: Db, to: string, name: string): void {
  const body = composeMail([
    `Hej ${name}!`,
    'Tack, din e-postadress är bekräftad.',
    'Din e-postadress hör inte till någon av medlemsorganisationerna i portalen, så en samordnare behöver godkänna ditt konto innan du kan logga in. Du får ett mejl när kontot är godkänt.',
  ]);
  sendMail(db, { to, subject: 'Ditt konto väntar på godkännande', ...body });
}

export function sendApprovalRequestMail(db: Db, baseUrl: string, to: string, applicant: { name: string; email: string }): void {
  const body = composeMail(
    [
      'Hej!',
      `${applicant.name} (${applicant.email}) har skapat ett konto på Skaraborgsnätet med en e-postadress som inte hör till någon medlemsorganisation. Kontot väntar på godkännande.`,
      'Godkänn kontot under Administration om personen ska vara medlem i nätverket.',
    ],
    { url: `${baseUrl}/admin?status=pending`, label: 'Visa konton som väntar' },
  );
  sendMail(db, { to, subject: `Nytt konto att godkänna: ${applicant.name}`, ...body });
}

export function sendApprovedMail(db: Db, baseUrl: string, to: string, name: string): void {
  const body = composeMail(
    [`Hej ${name}!`, 'Ditt konto på Skaraborgsnätet är nu godkänt. Välkommen! Du kan logga in direkt.'],
    { url: `${baseUrl}/logga-in`, label: 'Logga in' },
  );
  sendMail(db, { to, subject: 'Ditt konto är godkänt', ...body });
}

export function sendPasswordResetMail(db: Db, baseUrl: string, to: string, name: string, token: string, expiresAt: Date): void {
  const body = composeMail(
    [
      `Hej ${name}!`,
      `Vi har fått en begäran om att byta lösenord för ditt konto på Skaraborgsnätet. Öppna länken nedan och välj ett nytt lösenord. Länken kan bara användas en gång och gäller till kl. ${formatTime(expiresAt)}.`,
      'Om du inte har bett om ett nytt lösenord kan du bortse från det här mejlet. Ditt nuvarande lösenord fortsätter att gälla.',
    ],
    { url: `${baseUrl}/nytt-losenord?${new URLSearchParams({ token })}`, label: 'Välj ett nytt lösenord' },
  );
  sendMail(db, { to, subject: 'Välj ett nytt lösenord', ...body });
}

export function sendPasswordChangedMail(db: Db, baseUrl: string, to: string, name: string): void {
  const body = composeMail(
    [
      `Hej ${name}!`,
      'Lösenordet till ditt konto på Skaraborgsnätet har just ändrats, och du har loggats ut på dina andra enheter.',
      'Om det inte var du: välj ett nytt lösenord direkt via Glömt lösenord och kontakta en samordnare.',
    ],
    { url: `${baseUrl}/glomt-losenord`, label: 'Glömt lösenord' },
  );
  sendMail(db, { to, subject: 'Ditt lösenord har ändrats', ...body });
}

export function sendAccountDeletedMail(db: Db, to: string, name: string): void {
  const body = composeMail([
    `Hej ${name}!`,
    'Ditt konto på Skaraborgsnätet är nu borttaget, tillsammans med dina anmälningar. Text som du har skrivit i gemensamma dokument finns kvar men visas som skriven av en borttagen användare.',
    'Du är välkommen att skapa ett nytt konto när du vill.',
  ]);
  sendMail(db, { to, subject: 'Ditt konto är borttaget', ...body });
}
