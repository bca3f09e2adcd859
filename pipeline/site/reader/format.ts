// Small text formats shared by the reader pages: numbers the same in every locale, claim values
// as intervals, fragment links to ids that may hold '/' or '#'.
import { escapeHtml, formatInteger } from '../page.js';
import type { ClaimRow } from './rows.js';

export { escapeHtml };

/** An attribute value, escaped; `undefined` or null leaves the attribute out. */
export const attr = (name: string, value: string | number | null | undefined) =>
  value === undefined || value === null ? '' : ` ${name}="${escapeHtml(value)}"`;

/** href of a fragment: the id percent-encoded (browsers decode it before matching ids). */
export const fragment = (id: string) => `#${encodeURIComponent(id)}`;

/** 225 -> "225", 1500000 -> "1 500 000" (thin spaces), 2.5 -> "2.5". */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return (n < 0 ? '-' : '') + formatInteger(Math.abs(n));
  return String(n);
}

const qualifierSigns: Record<string, string> = { exact: '', about: '~', more_than: '>', at_least: '≥', up_to: '≤', less_than: '<' };

/** A claim's number as a reader sees it: "> 2", "20–99", "≥ 100", with the qualifier's sign. */
export function claimValue(c: Pick<ClaimRow, 'value' | 'low' | 'high' | 'qualifier'>): string {
  const sign = qualifierSigns[c.qualifier] ?? `${c.qualifier} `;
  const prefix = sign ? `${sign} ` : '';
  if (c.value !== null) return `${prefix}${formatNumber(c.value)}`;
  if (c.low !== null && c.high !== null)
    return c.low === c.high ? `${prefix}${formatNumber(c.low)}` : `${formatNumber(c.low)}–${formatNumber(c.high)}`;
  if (c.low !== null) return `≥ ${formatNumber(c.low)}`;
  if (c.high !== null) return `≤ ${formatNumber(c.high)}`;
  return '?';
}

/** One line for a claim: value, unit, whose number, stance. */
export const claimSummary = (c: ClaimRow) => `${claimValue(c)} ${c.unit} · ${c.attributed_to} · ${c.stance}`;
