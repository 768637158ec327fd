// Swedish number formats for report pages and charts ("1 234", "7,5", "83 %").
const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });

export const formatInteger = (n: number): string => integer.format(n);
export const formatDecimal = (n: number): string => decimal.format(n);
export const formatPercent = (share: number): string => percent.format(share);

/** Hours with at most one decimal, as a number (7.5), so page, chart and export agree. */
export const roundHours = (hours: number): number => Math.round(hours * 10) / 10;
