// Dates stated in a text, in the text's language. Nothing here names a month: the shapes of a date
// ("5. ledna 2022", "2022 ж. 5 қаңтар", "2022年1月5日") and the month and weekday names all come
// from ICU (Intl.DateTimeFormat), so a language added to raw/languages.yaml needs no code. A few
// language-neutral shapes ("5 January 2022", "on 2 January", ISO "2022-01-05", a year alone) are
// added on top, because texts use them even where ICU's own pattern differs (en-US vs en-GB).
//
// Matching is done on a lower-cased copy of the text (toLocaleLowerCase(lang), so Turkish "İ"/"ı"
// fold right); offsets are mapped back, so every FoundDate is a verbatim slice of the input.

export interface FoundDate {
  start: number; // UTF-16 offsets into the text; text === input.slice(start, end)
  end: number;
  text: string;
  year: number | null;
  month: number | null;
  day: number | null;
}

/** Dates in text order, non-overlapping (where two readings overlap, the longer one wins). */
export function findDates(text: string, lang: string): FoundDate[] {
  const lowered = lowerWithOffsets(text, lang);
  const candidates: Candidate[] = [];
  const { patterns, monthByName } = patternsFor(lang);
  for (const pattern of patterns) {
    const re = pattern.regex;
    re.lastIndex = 0;
    for (let m = re.exec(lowered.text); m; m = re.exec(lowered.text)) {
      candidates.push(candidate(m, pattern.kind, monthByName));
      // Step one character, not past the match: a shorter reading inside it may still be needed
      // if this one turns out to overlap a longer one.
      re.lastIndex = m.index + (lowered.text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
  }
  // Longest first; at equal length the earlier one. An impossible date ("32 January") still takes
  // its place, so that no smaller reading of the same words ("January") is reported instead.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Candidate[] = [];
  for (const c of candidates) {
    if (taken.every((t) => c.end <= t.start || c.start >= t.end)) taken.push(c);
  }
  return taken
    .filter((c) => c.valid)
    .sort((a, b) => a.start - b.start)
    .map((c) => {
      const start = lowered.original[c.start]!;
      const end = lowered.original[c.end]!;
      return { start, end, text: text.slice(start, end), year: c.year, month: c.month, day: c.day };
    });
}

/**
 * The days a found date stands for, as ISO dates: a full date is one day, a month-only date runs
 * from the first to the last day of that month, a year alone from 1 January to 31 December. A
 * date without a year names no particular day, so it gives null.
 */
export function dateRange(d: Pick<FoundDate, 'year' | 'month' | 'day'>): { start: string; end: string } | null {
  if (d.year === null) return null;
  if (d.month === null) return { start: iso(d.year, 1, 1), end: iso(d.year, 12, 31) };
  if (d.day === null) return { start: iso(d.year, d.month, 1), end: iso(d.year, d.month, daysInMonth(d.year, d.month)) };
  const day = iso(d.year, d.month, d.day);
  return { start: day, end: day };
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------
// Candidates

type PatternKind = 'date' | 'year-only';

interface Candidate {
  start: number; // offsets into the lower-cased copy
  end: number;
  year: number | null;
  month: number | null;
  day: number | null;
  valid: boolean;
}

function candidate(m: RegExpExecArray, kind: PatternKind, monthByName: ReadonlyMap<string, number>): Candidate {
  const g = m.groups ?? {};
  const year = g.year !== undefined ? Number(g.year) : null;
  const day = g.day !== undefined ? Number(g.day) : null;
  const monthText = g.month?.replace(/\.$/, '');
  const month = monthText === undefined ? null : /^\d+$/.test(monthText) ? Number(monthText) : (monthByName.get(monthText) ?? null);
  return { start: m.index, end: m.index + m[0].length, year, month, day, valid: possible(kind, year, month, day) };
}

/** A year alone counts only in 1900-2099 (the span a political text cites); a month is 1-12; a day exists in its month. */
function possible(kind: PatternKind, year: number | null, month: number | null, day: number | null): boolean {
  if (kind === 'year-only') return year !== null && year >= 1900 && year <= 2099;
  if (year !== null && year < 1000) return false;
  if (month === null || month < 1 || month > 12) return false;
  if (day === null) return true;
  // Without a year, 29 February is possible.
  return day >= 1 && day <= daysInMonth(year ?? 2000, month);
}

// ---------------------------------------------------------------------------------------------
// Lower-casing with an offset map

interface LoweredText {
  text: string;
  /** original[i] = offset in the input of lowered position i; one extra entry for the end. */
  original: number[];
}

/** Lower-cases code point by code point, because a lower-case form can be longer ("İ" → "i̇"). */
function lowerWithOffsets(text: string, lang: string): LoweredText {
  let out = '';
  const original: number[] = [];
  let i = 0;
  for (const ch of text) {
    const lower = ch.toLocaleLowerCase(lang);
    for (let k = 0; k < lower.length; k++) original.push(i);
    out += lower;
    i += ch.length;
  }
  original.push(i);
  return { text: out, original };
}

// ---------------------------------------------------------------------------------------------
// Patterns, compiled per language from ICU

interface Pattern {
  kind: PatternKind;
  regex: RegExp;
}

interface LanguagePatterns {
  patterns: Pattern[];
  monthByName: Map<string, number>;
}

/** Compiled once per language: building the names takes a few hundred Intl calls. */
const compiled = new Map<string, LanguagePatterns>();

function patternsFor(lang: string): LanguagePatterns {
  let entry = compiled.get(lang);
  if (!entry) compiled.set(lang, (entry = compilePatterns(lang)));
  return entry;
}

/** A field of a date shape, or literal text between fields, as ICU's formatToParts gives them. */
type Part = { kind: 'day' | 'year' | 'weekday' } | { kind: 'month'; numeric: boolean } | { kind: 'literal'; text: string };

const sampleDay = (month: number, day = 15) => new Date(Date.UTC(2022, month, day));
/** Formatters are reused: building one costs milliseconds, and each language needs a few dozen uses. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function icu(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })));
  return f;
}

interface Names {
  /** Full month names, standalone ("leden") and in a date ("ledna"). */
  long: Set<string>;
  /** Abbreviated month names, without a final full stop. */
  short: Set<string>;
  weekdays: Set<string>;
  monthByName: Map<string, number>;
}

function namesFor(lang: string): Names {
  const lower = (s: string) => s.toLocaleLowerCase(lang).trim();
  const names: Names = { long: new Set(), short: new Set(), weekdays: new Set(), monthByName: new Map() };
  const add = (set: Set<string>, value: string, month: number) => {
    const name = lower(value).replace(/\.$/, '');
    // Numeric "months" (zh/ja "1月", ko "1월") are matched as numbers by the shapes themselves.
    if (name === '' || /\d/.test(name)) return;
    set.add(name);
    if (!names.monthByName.has(name)) names.monthByName.set(name, month + 1);
  };
  const monthOf = (options: Intl.DateTimeFormatOptions, date: Date) =>
    icu(lang, options)
      .formatToParts(date)
      .find((p) => p.type === 'month')?.value ?? '';
  for (let m = 0; m < 12; m++) {
    add(names.long, icu(lang, { month: 'long' }).format(sampleDay(m)), m);
    add(names.long, monthOf({ day: 'numeric', month: 'long' }, sampleDay(m)), m);
    add(names.short, icu(lang, { month: 'short' }).format(sampleDay(m)), m);
    add(names.short, monthOf({ day: 'numeric', month: 'short' }, sampleDay(m)), m);
  }
  // 2 to 8 January 2022 are Sunday to Saturday.
  for (let d = 2; d <= 8; d++) {
    for (const options of [{ weekday: 'long' }, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }] as const) {
      const value = icu(lang, options)
        .formatToParts(sampleDay(0, d))
        .find((p) => p.type === 'weekday')?.value;
      if (value) names.weekdays.add(lower(value));
    }
  }
  return names;
}

/** ICU's parts for a format, with "1월" (a month value holding a number) split into number and literal. */
function icuShape(lang: string, options: Intl.DateTimeFormatOptions): Part[] {
  const parts: Part[] = [];
  for (const p of icu(lang, options).formatToParts(sampleDay(0, 5))) {
    if (p.type === 'day' || p.type === 'year' || p.type === 'weekday') parts.push({ kind: p.type });
    else if (p.type === 'literal') parts.push({ kind: 'literal', text: p.value });
    else if (p.type === 'month') {
      const m = /^(\D*)(\d+)(\D*)$/.exec(p.value);
      if (!m) parts.push({ kind: 'month', numeric: false });
      else {
        if (m[1]) parts.push({ kind: 'literal', text: m[1] });
        parts.push({ kind: 'month', numeric: true });
        if (m[3]) parts.push({ kind: 'literal', text: m[3] });
      }
    }
  }
  return parts;
}

const lit = (text: string): Part => ({ kind: 'literal', text });
const DAY: Part = { kind: 'day' };
const YEAR: Part = { kind: 'year' };
const WEEKDAY: Part = { kind: 'weekday' };
const MONTH_NAME: Part = { kind: 'month', numeric: false };
const MONTH_NUMBER: Part = { kind: 'month', numeric: true };

function compilePatterns(lang: string): LanguagePatterns {
  const names = namesFor(lang);
  const shapes: Part[][] = [];
  const longDate = icuShape(lang, { day: 'numeric', month: 'long', year: 'numeric' });
  shapes.push(
    longDate,
    icuShape(lang, { day: 'numeric', month: 'long' }),
    icuShape(lang, { month: 'long', year: 'numeric' }),
    icuShape(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    icuShape(lang, { day: 'numeric', month: 'short', year: 'numeric' }),
  );
  // Languages that write month names also get the two common orders of day, month and year, with
  // or without a weekday in front: "5 January 2022" in an en text, "January 5, 2022" in a fr one.
  if (longDate.some((p) => p.kind === 'month' && !p.numeric)) {
    for (const prefix of [[], [WEEKDAY, lit(', ')]]) {
      shapes.push([...prefix, DAY, lit(' '), MONTH_NAME, lit(' '), YEAR]);
      shapes.push([...prefix, MONTH_NAME, lit(' '), DAY, lit(', '), YEAR]);
    }
    shapes.push([DAY, lit(' '), MONTH_NAME], [MONTH_NAME, lit(' '), DAY], [MONTH_NAME, lit(' '), YEAR]);
  }
  // An all-number date only where ICU says which number is the day: day-first (05.01.2022) or
  // year-first (2022/1/5). Month-first languages (en-US 1/5/2022) get none: 05/01/2022 is ambiguous.
  const numeric = icuShape(lang, {});
  const order = numeric.filter((p) => p.kind !== 'literal').map((p) => p.kind);
  if (order[0] === 'day' || order[0] === 'year') shapes.push(numeric);
  shapes.push([YEAR, lit('-'), MONTH_NUMBER, lit('-'), DAY]); // ISO 8601, written in any language

  const patterns: Pattern[] = [];
  const seen = new Set<string>();
  for (const shape of shapes) {
    const source = shapeSource(shape, names);
    if (source === null || seen.has(source)) continue;
    seen.add(source);
    patterns.push({ kind: 'date', regex: new RegExp(source, 'gu') });
  }
  // A year alone: not part of a longer number, nor of a word ("1990s").
  const yearOnly = `${DIGIT_START}(?<!${WORD_LETTER})(?<year>\\d{4})${DIGIT_END}(?!${WORD_LETTER})`;
  patterns.push({ kind: 'year-only', regex: new RegExp(yearOnly, 'gu') });
  return { patterns, monthByName: names.monthByName };
}

// ---------------------------------------------------------------------------------------------
// Shape → regular expression

/** A letter of a script written with spaces between words; CJK and Hangul letters may touch digits. */
const WORD_LETTER = '(?:(?![\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}])[\\p{L}\\p{M}])';
/** Horizontal space only: a date never runs over a line break. */
const SPACE = '[^\\S\\r\\n]';
/** Not inside a longer number ("105", "1.05.01.2022"). */
const DIGIT_START = '(?<!\\p{N}|\\p{N}[.,/:-])';
const DIGIT_END = '(?!\\p{N}|[.,/:-]\\p{N})';
/** Ordinal endings written after a day number ("1er janvier", "January 5th"); ICU does not expose them. */
const ORDINAL = '(?:er|st|nd|rd|th)?';

interface Piece {
  source: string;
  /** Whether the piece begins / ends with a digit or a spaced-script letter (then a space is required). */
  wordyStart: boolean;
  wordyEnd: boolean;
  startsWithDigit: boolean;
  endsWithDigit: boolean;
  field: boolean;
}

// No "-": under the u flag, "\-" is an error outside a character class.
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const isWordyChar = (ch: string) => /\p{N}/u.test(ch) || new RegExp(`^${WORD_LETTER}$`, 'u').test(ch);

function alternation(names: Iterable<string>, dotted: boolean): string {
  const sorted = [...new Set(names)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return sorted
    .map((n) => {
      // A long full name (≥ 5 letters) may carry a case ending ("5 қаңтарда", "5 Ocakta"): the
      // date ends before it. A shorter name must end a word, so "Mar" is not found in "Marines".
      const open = !dotted && n.length >= 5;
      return `${escapeRegex(n)}${dotted ? '\\.?' : ''}${open ? '' : `(?!${WORD_LETTER})`}`;
    })
    .join('|');
}

function fieldPiece(part: Exclude<Part, { kind: 'literal' }>, names: Names, monthForms: 'long' | 'any'): Piece | null {
  const letters = (source: string): Piece => ({
    source,
    wordyStart: true,
    wordyEnd: true,
    startsWithDigit: false,
    endsWithDigit: false,
    field: true,
  });
  const digits = (source: string): Piece => ({
    source,
    wordyStart: true,
    wordyEnd: true,
    startsWithDigit: true,
    endsWithDigit: true,
    field: true,
  });
  switch (part.kind) {
    case 'day':
      return digits(`(?<day>\\d{1,2})${ORDINAL}`);
    case 'year':
      return digits('(?<year>\\d{4})');
    case 'weekday':
      return names.weekdays.size ? letters(`(?:${alternation(names.weekdays, false)})`) : null;
    case 'month': {
      if (part.numeric) return digits('(?<month>\\d{1,2})');
      if (names.long.size === 0) return null;
      const long = alternation(names.long, false);
      // Abbreviations only next to a day number: alone, "mar" or "ara" are ordinary words.
      const short = [...names.short].filter((s) => !names.long.has(s));
      const source = monthForms === 'any' && short.length ? `${long}|${alternation(short, true)}` : long;
      return letters(`(?<month>${source})`);
    }
  }
}

/** Literal text between fields, loosened: commas optional, an abbreviation ("г.", "ж.") also spelt out. */
function literalPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const token of text.match(/\s+|\p{L}+\.?|./gu) ?? []) {
    if (/^\s+$/.test(token)) {
      pieces.push({ source: ' ', wordyStart: false, wordyEnd: false, startsWithDigit: false, endsWithDigit: false, field: false });
      continue;
    }
    let source: string;
    if (token === ',') source = ',?';
    else if (/^\p{L}+\.$/u.test(token)) {
      // ICU's "2022 г." / "2022 ж." are abbreviations; texts also write the word out ("2022 года",
      // "2022 жылғы"), which begins with the same letters.
      const stem = escapeRegex(token.slice(0, -1));
      source = `${stem}(?:\\p{L}{0,5}(?!${WORD_LETTER}))?\\.?`;
    } else source = escapeRegex(token);
    const first = token[0]!;
    const last = token[token.length - 1]!;
    pieces.push({
      source,
      wordyStart: isWordyChar(first),
      wordyEnd: isWordyChar(last),
      startsWithDigit: false,
      endsWithDigit: false,
      field: false,
    });
  }
  return pieces;
}

/** The regular expression of a shape, or null when the language lacks a name it needs. */
function shapeSource(shape: Part[], names: Names): string | null {
  const hasDay = shape.some((p) => p.kind === 'day');
  const pieces: Piece[] = [];
  for (const part of shape) {
    if (part.kind === 'literal') pieces.push(...literalPieces(part.text));
    else {
      const piece = fieldPiece(part, names, hasDay ? 'any' : 'long');
      if (!piece) return null;
      pieces.push(piece);
    }
  }
  // Literal text before the first field is dropped. Literal text after the last one is optional
  // when it is a separate word ("5 января 2022 г." and "5 января 2022" are the same date), and
  // required when it is attached ("5일", "5日": without it, "5명" would be a day).
  const first = pieces.findIndex((p) => p.field);
  const last = pieces.length - 1 - [...pieces].reverse().findIndex((p) => p.field);
  if (first === -1) return null;
  const render = (from: number, to: number) => {
    let out = '';
    for (let i = from; i <= to; i++) {
      const p = pieces[i]!;
      if (p.source !== ' ') {
        out += p.source;
        continue;
      }
      // A space between two words or numbers is required ("January 52022" is not a date); next to
      // punctuation or CJK it may be missing ("5.ledna", "2022年 1月").
      const before = pieces[i - 1];
      const after = pieces[i + 1];
      out += before?.wordyEnd && after?.wordyStart ? `${SPACE}+` : `${SPACE}*`;
    }
    return out;
  };
  const firstPiece = pieces[first]!;
  const lastPiece = pieces[last]!;
  const start = firstPiece.startsWithDigit ? DIGIT_START : `(?<!${WORD_LETTER})`;
  const end = lastPiece.endsWithDigit ? DIGIT_END : '';
  let tail = '';
  if (last < pieces.length - 1) {
    tail = `${render(last + 1, pieces.length - 1)}${pieces.at(-1)!.wordyEnd ? `(?!${WORD_LETTER})` : ''}`;
    if (pieces[last + 1]!.source === ' ') tail = `(?:${tail})?`;
  }
  return `${start}${render(first, last)}${end}${tail}`;
}
