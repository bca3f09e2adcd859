// A notebook is one figure: the question it answers, the SQL that selects its data, the caption
// (written from the rows, so its numbers never go stale) and the Plot specification. Rendering,
// files and hashes are the same for every notebook and live in bundle.ts.
import * as Plot from '@observablehq/plot';
import { readLanguages } from '../lib/languages.js';
import type { TableName } from '../tables.js';
import type { FieldDescription } from './fields.js';
import { textWidth } from './fonts.js';
import { plotBlock, type Block, type LegendItem } from './layout.js';

/** A row as DuckDB returns it in JSON form: DATE as 'YYYY-MM-DD', DOUBLE as number. */
export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface PlotContext {
  document: Document;
}

export interface Notebook {
  /** Short kebab-case name: the notebook file is notebooks/<name>.ts and the bundle <name>/. */
  name: string;
  /** A function when the title states counts from the data, which change with the corpus. */
  title: string | ((rows: readonly Row[]) => string);
  question: string;
  /** Every table the SQL reads; their hashes go into the bundle's JSON. */
  tables: readonly TableName[];
  /** Files of installed packages the figure reads besides the database, e.g. a map outline. */
  assets?: readonly { package: string; file: string }[];
  /**
   * One query; its ORDER BY is total (ties broken) so the CSV and the drawing never vary. A figure
   * whose marks would grow with the corpus aggregates here once the corpus passes a threshold, so
   * that the drawing, the PNG and the CSV stay bounded.
   */
  sql: string;
  /**
   * A description of every column the SQL returns, in words or as the table column it copies
   * (`column('documents.n_chars')`): the figure CSV's Table Schema in datapackage.json and record set
   * in croissant.json. The build stops when a column lacks one (fields.ts).
   */
  fields: Readonly<Record<string, FieldDescription>>;
  caption(rows: readonly Row[]): string;
  legend?(rows: readonly Row[]): { items: readonly LegendItem[]; title?: string } | undefined;
  plot(rows: readonly Row[], ctx: PlotContext): Block;
}

/** The title as drawn for these rows. */
export const titleOf = (nb: Notebook, rows: readonly Row[]): string => (typeof nb.title === 'string' ? nb.title : nb.title(rows));

// Helpers shared by the notebooks.

/** The corpus's languages in the order of raw/languages.yaml, the order of every legend. */
export const languages: readonly string[] = readLanguages().languages.map((l) => l.code);

/**
 * One colour per language, the same in every figure: Observable's ten-colour palette in the order
 * of raw/languages.yaml (the first five keep the colours the seed languages always had). Past ten
 * languages the colours repeat, so a figure that shows more than ten must label its marks.
 */
const palette = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#a463f2', '#3ca951', '#ff8ab7', '#97bbf5', '#9c6b4e', '#9498a0'];
export const languageColors: Readonly<Record<string, string>> = Object.fromEntries(
  languages.map((code, i) => [code, palette[i % palette.length]!]),
);

/** A cell as text ('' for NULL or a column the row lacks). */
export const str = (v: Value | undefined): string => (v === null || v === undefined ? '' : String(v));
/** A cell as a number (NaN for a column the row lacks, 0 for NULL, as Number() does). */
export const num = (v: Value | undefined): number => (typeof v === 'number' ? v : Number(v));

/** A date column ('YYYY-MM-DD') as a UTC Date: Plot's time scales are UTC, so no timezone leaks in. */
export const utcDate = (v: Value | undefined): Date => new Date(`${str(v)}T00:00:00Z`);

/** Cuts a label to a number of characters, marking the cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** Distinct values in first-seen order (the SQL's order). */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** "12,000" style thousands, independent of the machine's locale. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** A count in running text: a word up to ten ("nine documents"), digits beyond ("1,200 documents"). */
export const spelledCount = (n: number): string => numberWords[n] ?? formatCount(n);

/** "1 claim", "2,000 claims". */
export const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The first `max` items (the SQL orders them by importance) and what is left out, so that a figure
 * draws a bounded number of marks and its caption can say how many it left to the CSV.
 */
export function capped<T>(items: readonly T[], max: number): { shown: T[]; hidden: T[] } {
  return { shown: items.slice(0, max), hidden: items.slice(max) };
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** listText of at most `max` items, the rest counted: "a, b and 3 other events". */
export function listSome(items: readonly string[], max: number, others: string): string {
  return items.length <= max ? listText(items) : `${items.slice(0, max).join(', ')} and ${formatCount(items.length - max)} ${others}`;
}

/** A Plot chart as a block of the figure, drawn in the figure's document. */
export function chart(ctx: PlotContext, options: Plot.PlotOptions): Block {
  return plotBlock(Plot.plot({ ...options, document: ctx.document }));
}

/**
 * A document id for narrow labels: without its date or number, and a long source name cut to its
 * last word (rcit-2022-01-05-es -> rcit-es, massive-protests-theses-en -> theses-en).
 */
export function shortDoc(docId: string): string {
  const m = /^(.*)-([a-z]{2})$/.exec(docId);
  if (!m) return docId;
  const words = m[1]!.split('-').filter((w) => !/^\d+$/.test(w));
  return `${words.length > 2 ? words.at(-1) : words.join('-')}-${m[2]}`;
}

export const dayMs = 86_400_000;

/** A left margin that fits the widest of `labels` (11 px text, as Plot's tick labels) plus a gap. */
export function labelMargin(labels: readonly string[], gap = 12): number {
  return Math.ceil(Math.max(...labels.map((l) => textWidth(l, 11)))) + gap;
}
