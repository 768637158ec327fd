// The words of the cancellation step, per registration status (one place for the page and its links).
import type { RegistrationStatus } from '#db/schema/index.ts';

export interface CancellationWording {
  /** The link or button that leads to the confirmation step. */
  start: string;
  heading: string;
  question: string;
  consequence: string;
  confirm: string;
  keep: string;
}

/** Null when there is nothing to cancel (no active registration). */
export function cancellationWording(status: RegistrationStatus, title: string): CancellationWording | null {
  switch (status) {
    case 'confirmed':
      return { start: 'Avboka min plats', heading: `Avboka din plats: ${title}`, question: `Vill du avboka din plats på ${title}?`, consequence: 'Platsen går vidare till någon på väntelistan och kan inte tas tillbaka.', confirm: 'Ja, avboka min plats', keep: 'Nej, behåll platsen' };
    case 'offered':
      return { start: 'Tacka nej', heading: `Tacka nej till platsen: ${title}`, question: `Vill du tacka nej till platsen som är reserverad för dig på ${title}?`, consequence: 'Platsen går vidare till nästa person på väntelistan.', confirm: 'Ja, tacka nej', keep: 'Nej, gå tillbaka' };
    case 'waitlisted':
      return { start: 'Lämna väntelistan', heading: `Lämna väntelistan: ${title}`, question: `Vill du lämna väntelistan till ${title}?`, consequence: 'Du förlorar din plats i kön.', confirm: 'Ja, lämna väntelistan', keep: 'Nej, stå kvar i kön' };
    case 'requested':
      return { start: 'Dra tillbaka förfrågan', heading: `Dra tillbaka förfrågan: ${title}`, question: `Vill du dra tillbaka din förfrågan om en plats på ${title}?`, consequence: 'Värdorganisationen ser inte längre förfrågan.', confirm: 'Ja, dra tillbaka förfrågan', keep: 'Nej, gå tillbaka' };
    default:
      return null;
  }
}

/** Address of the confirmation step; `fromMemberPage` returns to Mina sidor afterwards. */
export function cancellationUrl(slug: string, fromMemberPage = false): string {
  return `/aktiviteter/${slug}/avboka${fromMemberPage ? '?tillbaka=mina-sidor' : ''}`;
}
