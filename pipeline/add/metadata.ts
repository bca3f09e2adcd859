// What a text states about itself: its title, date, author, publisher and address, read from
// front matter, from the page's HTML metadata, or from lines of the text that by their form can
// only be a heading, a dateline, a byline or a signature. Nothing is guessed: a value is returned
// only with its evidence, a passage copied verbatim from the input as added (the build checks it
// again), and a date without a year is no date of the text. Lines that are site furniture (share
// buttons, footers, newsletter prompts) are proposed as boilerplate, for the contributor to accept.
import { dateRange, findDates, type FoundDate } from './dates.js';
import type { FrontMatter, FrontMatterError } from './front-matter.js';
import type { ReadableHtml } from './html.js';
import type { IntakeKind } from './input.js';
import type { LanguageInfo } from '../lib/languages.js';

export interface MetadataInput {
  /** The text as added (for HTML: the HTML source): every evidence is a substring of it. */
  raw: string;
  /** The readable text: for HTML the extracted text, for Markdown the body after the front matter. */
  text: string;
  kind: IntakeKind;
  lang: LanguageInfo;
  frontMatter?: FrontMatter | FrontMatterError | null;
  html?: ReadableHtml;
}

/** Where a value was read. 'url line' is a line that holds nothing but an address. */
export type Provenance = 'front matter' | 'html metadata' | 'dateline' | 'byline' | 'signature' | 'heading' | 'url line';

export interface StatedValue {
  value: string;
  basis: 'stated';
  evidence: string;
  from: Provenance;
}

export interface StatedDate {
  start: string; // YYYY-MM-DD
  end: string;
  basis: 'stated';
  evidence: string;
  from: Provenance;
}

export type BoilerplateRule = 'share-buttons' | 'site-footer' | 'newsletter-prompt' | 'tag-line' | 'cookie-notice' | 'related-links';

export interface BoilerplateProposal {
  starts_with: string;
  rule: BoilerplateRule;
  reason: string;
}

export interface Metadata {
  fields: { title?: StatedValue; date?: StatedDate; author?: StatedValue; publisher?: StatedValue; url?: StatedValue };
  /** Beginnings of lines of the readable text, by kind, to mark those paragraphs. */
  paragraphs: { title?: string[]; dateline?: string[]; byline?: string[] };
  boilerplate: BoilerplateProposal[];
  /** What was found but not used, and why; for the contributor to read. */
  notes: string[];
}

type FieldName = keyof Metadata['fields'];

/** Only the first and the last few lines can be a dateline, byline or address of the text itself. */
const edgeLines = 5;
/** A signature stands in the last few lines. */
const signatureLines = 4;
/** A dateline is the date and little else: the date covers this share of its non-space characters. */
const datelineCoverage = 0.8;
const maxTitleLength = 150;
const maxSignatureLength = 80;
const maxBylineNameWords = 8;
const maxBoilerplateLength = 80;
const maxStartsWith = 40;
/** Words of a line kept as its "starts with" mark. */
const markWords = 6;

export function findMetadata(input: MetadataInput): Metadata {
  const { raw, lang } = input;
  const result: Metadata = { fields: {}, paragraphs: {}, boilerplate: [], notes: [] };
  const lines = textLines(input.text);

  result.boilerplate = boilerplateProposals(lines, result.notes);
  const furniture = new Set(result.boilerplate.flatMap((b) => lines.filter((l) => l.text.trimStart().startsWith(b.starts_with))));
  const content = lines.filter((l) => l.plain !== '' && !furniture.has(l));
  const edges = new Set([...content.slice(0, edgeLines), ...content.slice(-edgeLines)]);

  /** Sets a field when its evidence is in the raw input; otherwise leaves it out, with a note. */
  const offer = <K extends FieldName>(name: K, value: NonNullable<Metadata['fields'][K]>): void => {
    const existing = result.fields[name];
    if (existing) {
      if (describe(existing) !== describe(value)) {
        result.notes.push(
          `${name}: ${value.from} states ${describe(value)} ("${short(value.evidence)}"); kept ${describe(existing)} from ${existing.from}`,
        );
      }
      return;
    }
    if (!raw.includes(value.evidence)) {
      result.notes.push(
        `${name}: ${describe(value)} from ${value.from} left out: its evidence "${short(value.evidence)}" is not in the input verbatim`,
      );
      return;
    }
    result.fields[name] = value;
  };
  const mark = (kind: keyof Metadata['paragraphs'], line: Line) => {
    const list = (result.paragraphs[kind] ??= []);
    const start = lineMark(line.text);
    if (!list.includes(start)) list.push(start);
  };

  // 1. Front matter and HTML metadata: said about the text by its own file or page.
  if (input.frontMatter?.ok) fromFrontMatter(input.frontMatter, raw, lang, offer, result.notes);
  if (input.html) fromHtml(input.html, lang, offer, result.notes);

  // 2. Lines of the text, by their form.
  const datelines = content.filter((l) => edges.has(l) && isDateline(l.plain, lang.code));
  for (const line of datelines) mark('dateline', line);
  // The dateline nearest the top dates the text; one further down (under a signature) is noted.
  for (const line of datelines) {
    const d = datelineDate(line.plain, lang.code);
    const range = d && dateRange(d);
    if (range) offer('date', { ...range, basis: 'stated', evidence: line.text.trim(), from: 'dateline' });
    else if (d) result.notes.push(`date: the dateline "${short(line.text.trim())}" gives no year, so it dates nothing`);
  }

  const heading = titleLine(input.kind, content, lines, lang);
  if (heading) offer('title', { value: heading.value, basis: 'stated', evidence: heading.line.text.trim(), from: 'heading' });
  const title = result.fields.title;
  const titleInText = heading?.line ?? (title && content.slice(0, edgeLines).find((l) => startsLike(l.plain, title.value)));
  if (titleInText) mark('title', titleInText);

  for (const line of content.filter((l) => edges.has(l))) {
    const name = byline(line.plain, lang);
    if (name === undefined) continue;
    mark('byline', line);
    offer('author', { value: name, basis: 'stated', evidence: line.text.trim(), from: 'byline' });
  }
  const signed = signature(content, datelines, lang.code);
  if (signed) {
    const evidence = input.text.slice(signed.lines[0]!.start, signed.lines.at(-1)!.end).trim();
    offer('author', { value: signed.value, basis: 'stated', evidence, from: 'signature' });
  }

  for (const line of content.filter((l) => edges.has(l))) {
    const url = /^<?(https?:\/\/[^\s<>]+?)>?[.,;]?$/i.exec(line.plain)?.[1];
    if (url && isUrl(url)) offer('url', { value: url, basis: 'stated', evidence: url, from: 'url line' });
  }
  return result;
}

function describe(v: StatedValue | StatedDate): string {
  return 'value' in v ? `"${v.value}"` : v.start === v.end ? v.start : `${v.start}/${v.end}`;
}

function short(s: string, max = 60): string {
  const flat = s.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

type Offer = <K extends FieldName>(name: K, value: NonNullable<Metadata['fields'][K]>) => void;

// ---------------------------------------------------------------------------------------------
// Front matter and HTML metadata

/** Front-matter keys for each field, in order of preference. */
const frontMatterKeys: Record<FieldName, string[]> = {
  title: ['title'],
  date: ['date'],
  author: ['author', 'authors', 'by'],
  publisher: ['publisher', 'site', 'source'],
  url: ['url', 'link', 'source_url'],
};

function fromFrontMatter(fm: FrontMatter, raw: string, lang: LanguageInfo, offer: Offer, notes: string[]): void {
  const keys = new Map(Object.keys(fm.fields).map((k) => [k.toLowerCase(), k]));
  for (const [field, names] of Object.entries(frontMatterKeys) as [FieldName, string[]][]) {
    for (const name of names) {
      const key = keys.get(name);
      if (key === undefined) continue;
      const value = frontMatterText(fm.fields[key]);
      const keyLine = fm.lines[key];
      if (value === undefined || keyLine === undefined) {
        notes.push(`${field}: front matter "${key}" is not text; left out`);
        continue;
      }
      const evidence = frontMatterEvidence(raw, keyLine);
      if (field === 'date') {
        const range = onlyDate(value, lang.code);
        if (range) offer('date', { ...range, basis: 'stated', evidence, from: 'front matter' });
        else notes.push(`date: front matter "${short(value)}" is not a date with a year; left out`);
      } else if (field === 'publisher' && isUrl(value)) {
        // `source: https://…` names the address, not the publisher.
        offer('url', { value, basis: 'stated', evidence, from: 'front matter' });
      } else if (field === 'url' && !isUrl(value)) {
        notes.push(`url: front matter "${short(value)}" is not a complete http(s) address; left out`);
      } else {
        offer(field, { value, basis: 'stated', evidence, from: 'front matter' });
      }
      break;
    }
  }
}

/** A scalar as text; a list of scalars joined with ", " (several authors). */
function frontMatterText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.map((v) => String(v).trim()).join(', ');
  }
  return undefined;
}

/** The key's line, and for a block value ("authors:" then "  - Anna") the lines of the block too. */
function frontMatterEvidence(raw: string, keyLine: string): string {
  // The key's own line, not the same words inside a longer line ("subtitle: X" holds "title: X").
  // (Searching "\n" + raw, the index of "\n" + keyLine is the line's offset in raw.)
  const at = `\n${raw}`.indexOf(`\n${keyLine}`);
  if (at === -1) return keyLine;
  let end = at + keyLine.length;
  for (;;) {
    const next = /^\r?\n((?:[ \t]+|- )[^\r\n]*)/.exec(raw.slice(end));
    if (!next) break;
    end += next[0].length;
  }
  return raw.slice(at, end);
}

function fromHtml(html: ReadableHtml, lang: LanguageInfo, offer: Offer, notes: string[]): void {
  const stated = (field: keyof ReadableHtml['evidence']) => {
    const value = html[field];
    const evidence = html.evidence[field];
    if (value !== undefined && evidence === undefined)
      notes.push(`${field}: "${short(value)}" was not found in the HTML source verbatim; left out`);
    return value !== undefined && evidence !== undefined ? { value, evidence } : undefined;
  };
  const title = stated('title');
  if (title) offer('title', { ...title, basis: 'stated', from: 'html metadata' });
  const published = stated('publishedTime');
  if (published) {
    const range = onlyDate(published.value, lang.code);
    if (range) offer('date', { ...range, basis: 'stated', evidence: published.evidence, from: 'html metadata' });
    else notes.push(`date: the page's published time "${short(published.value)}" is not a date make add can read; left out`);
  }
  const author = stated('byline');
  if (author)
    offer('author', {
      value: byline(author.value, lang) ?? author.value,
      basis: 'stated',
      evidence: author.evidence,
      from: 'html metadata',
    });
  const site = stated('siteName');
  if (site) offer('publisher', { ...site, basis: 'stated', from: 'html metadata' });
  const url = stated('canonicalUrl');
  if (url) offer('url', { ...url, basis: 'stated', from: 'html metadata' });
}

/** The day, month or year a value names, when it names exactly one with a year ("2022-01-07", "7 January 2022", an ISO timestamp). */
function onlyDate(value: string, lang: string): { start: string; end: string } | undefined {
  const dates = findDates(value, lang).filter((d) => d.year !== null && d.month !== null);
  const first = dates[0];
  return dates.length === 1 && first ? (dateRange(first) ?? undefined) : undefined;
}

function isUrl(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Lines of the text

interface Line {
  start: number; // UTF-16 offsets of the line in the readable text, without its line break
  end: number;
  text: string;
  /** The line without Markdown markers ("# ", "> ", "**…**") and surrounding space: what it says. */
  plain: string;
  /** Whether a blank line (or nothing) comes before and after it. */
  blankBefore: boolean;
  blankAfter: boolean;
}

function textLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const m of text.matchAll(/[^\n]*/g)) {
    // matchAll also yields the empty match right after each line; keep only those at a line start.
    if (m.index > 0 && text[m.index - 1] !== '\n') continue;
    const body = m[0].replace(/\r$/, '');
    lines.push({ start: m.index, end: m.index + body.length, text: body, plain: plainLine(body), blankBefore: false, blankAfter: false });
  }
  lines.forEach((l, i) => {
    l.blankBefore = i === 0 || lines[i - 1]!.plain === '';
    l.blankAfter = i === lines.length - 1 || lines[i + 1]!.plain === '';
  });
  return lines;
}

function plainLine(line: string): string {
  return line
    .trim()
    .replace(/^(?:#{1,6}|>)\s+/, '')
    .replace(/^([*_]{1,3})(.+)\1$/, '$2')
    .trim();
}

/** The line's first few words, exactly as written: the mark of its paragraph. */
function lineMark(line: string): string {
  const text = line.trimStart();
  const words = [...text.matchAll(/\S+/g)];
  if (words.length <= 1) return [...text].slice(0, 20).join('').trimEnd(); // unspaced (CJK) text: its first characters
  const last = words[Math.min(markWords, words.length) - 1]!;
  return text.slice(0, last.index + last[0].length);
}

function startsLike(line: string, title: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const head = norm(title).split(' ').slice(0, markWords).join(' ');
  return head !== '' && norm(line).startsWith(head);
}

// Datelines ---------------------------------------------------------------------------------

/** A place before or after the date of a dateline: a few capitalised words ("ALMATY", "Nur-Sultan (Reuters)"). */
const place = String.raw`[\p{Lu}\p{Lo}][\p{L}\p{M}.'’-]*(?:[ ,]+[\p{L}\p{M}.'’()-]+){0,3}`;
const placeBefore = new RegExp(`^${place}\\s*[,，、—–-]?$`, 'u');
const placeAfter = new RegExp(`^[,，、—–-]?\\s*${place}\\.?$`, 'u');

/** The one date of a line that is nothing but that date (and perhaps a place); year-only lines do not count. */
function datelineDate(line: string, lang: string): FoundDate | undefined {
  if (line.length > maxSignatureLength) return undefined;
  const dates = findDates(line, lang).filter((d) => d.month !== null);
  if (dates.length !== 1) return undefined;
  const d = dates[0]!;
  const nonSpace = (s: string) => s.replace(/\s/g, '').length;
  if (nonSpace(d.text) >= datelineCoverage * nonSpace(line)) return d;
  const before = line.slice(0, d.start).trim();
  const after = line.slice(d.end).trim();
  const placeOnly = (before === '' || placeBefore.test(before)) && (after === '' || placeAfter.test(after) || /^[.,]$/.test(after));
  return placeOnly && (before !== '' || after !== '') ? d : undefined;
}

function isDateline(line: string, lang: string): boolean {
  return datelineDate(line, lang) !== undefined;
}

// Title -------------------------------------------------------------------------------------

function titleLine(kind: IntakeKind, content: Line[], lines: Line[], lang: LanguageInfo): { value: string; line: Line } | undefined {
  const first = content[0];
  if (!first) return undefined;
  if (kind === 'markdown') {
    const h1 = /^#\s+(.+?)(?:\s+#+)?\s*$/.exec(first.text.trim());
    return h1 ? { value: h1[1]!.trim(), line: first } : undefined;
  }
  if (kind !== 'text') return undefined;
  // The first line is a title when it is short, ends no sentence, stands alone (a blank line
  // follows) and is no dateline, byline or address.
  const isFirstLine = lines.find((l) => l.plain !== '') === first;
  const endsSentence = /[.。…,;:，；：]$/u.test(first.plain);
  if (!isFirstLine || first.plain.length > maxTitleLength || endsSentence || !first.blankAfter) return undefined;
  if (isDateline(first.plain, lang.code) || byline(first.plain, lang) !== undefined || /^https?:\/\//i.test(first.plain)) return undefined;
  // A line that opens with a bullet is a rubric or a list item of the site ("• Diplomatic News").
  if (/^[•·▪◦‣∙*-]\s/u.test(first.plain)) return undefined;
  return { value: first.text.trim(), line: first };
}

// Byline and signature -----------------------------------------------------------------------

/** The name in a byline ("By Anna Muster", "Von Anna Muster, Almaty", "Autor: Jan Novák"), without a trailing date. */
function byline(line: string, lang: LanguageInfo): string | undefined {
  for (const word of lang.byline_words) {
    if (!line.toLocaleLowerCase(lang.code).startsWith(word.toLocaleLowerCase(lang.code))) continue;
    let rest = line.slice(word.length);
    // After a word ("By") a space must follow; after punctuation ("Autor:") it may not.
    if (/[\p{L}\p{N}]$/u.test(word) && !/^\s/.test(rest)) continue;
    rest = rest.trim();
    const date = findDates(rest, lang.code).at(-1);
    if (date && rest.slice(date.end).trim() === '') rest = rest.slice(0, date.start);
    rest = rest.replace(/[\s,;|·•—–-]+$/u, '');
    const first = rest[0];
    // A name begins with a capital, in scripts that have capitals ("By the end of the day" is no byline).
    if (
      !first ||
      (first.toLocaleUpperCase(lang.code) !== first.toLocaleLowerCase(lang.code) && first !== first.toLocaleUpperCase(lang.code))
    )
      continue;
    const words = rest.split(/\s+/);
    if (words.length > maxBylineNameWords) continue;
    // A sentence, not a name: it ends with a full stop after a word longer than an initial.
    if (/\p{L}{3,}[.!?]$/u.test(rest)) continue;
    return rest;
  }
  return undefined;
}

/** A line that could sign a text: short, no sentence, no date, no address. */
function signatureLike(line: Line, lang: string): boolean {
  const t = line.plain;
  return (
    t.length > 0 &&
    t.length <= maxSignatureLength &&
    /\p{L}/u.test(t) &&
    !/[.!?。！？:;,]$/u.test(t) &&
    !/https?:\/\//i.test(t) &&
    findDates(t, lang).length === 0
  );
}

/**
 * The signature among the last lines: the short lines right before (or else right after) a
 * closing dateline, or a line opened by a dash ("— Anna Muster"). Several lines of a block
 * ("Central Committee" / "Party of Labour") are one signer, joined with ", ".
 */
function signature(content: Line[], datelines: Line[], lang: string): { value: string; lines: Line[] } | undefined {
  const tail = content.slice(-signatureLines);
  const dashed = tail.find((l) => /^(?:—|–|-- )\s*\S/.test(l.plain));
  if (dashed) {
    const name = dashed.plain.replace(/^(?:—|–|--)\s*/, '');
    if (signatureLike({ ...dashed, plain: name }, lang)) return { value: name, lines: [dashed] };
  }
  const dateline = [...datelines].reverse().find((d) => tail.includes(d));
  if (!dateline) return undefined;
  const at = tail.indexOf(dateline);
  const before: Line[] = [];
  for (let i = at - 1; i >= 0 && signatureLike(tail[i]!, lang) && !tail[i]!.blankAfter; i--) before.unshift(tail[i]!);
  const after: Line[] = [];
  for (let i = at + 1; i < tail.length && signatureLike(tail[i]!, lang) && !tail[i]!.blankBefore; i++) after.push(tail[i]!);
  // Lines separated from the dateline by a blank line still sign when they close the text.
  if (before.length === 0 && after.length === 0) {
    const next = tail[at + 1];
    if (next && at + 1 === tail.length - 1 && signatureLike(next, lang)) after.push(next);
    const previous = tail[at - 1];
    if (!next && previous && signatureLike(previous, lang) && previous.blankBefore) before.push(previous);
  }
  const block = before.length > 0 ? before : after;
  return block.length > 0 ? { value: block.map((l) => l.plain).join(', '), lines: block } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Boilerplate

interface BoilerplatePattern {
  rule: BoilerplateRule;
  why: string;
  pattern: RegExp;
}

/** Whole-line patterns, in the main languages of the corpus (en, de, fr, es, pt, ru, plus tr and cs where common). */
const boilerplatePatterns: BoilerplatePattern[] = [
  {
    rule: 'share-buttons',
    why: 'a share, print or e-mail button label',
    pattern:
      /^(?:share(?: this(?: article| post| page| story)?)?(?: on (?:facebook|twitter|x|whatsapp|telegram|linkedin|vk|reddit))?|tweet(?: this)?|print(?: this (?:article|page))?|e-?mail(?: this(?: article)?)?|copy link|(?:artikel )?teilen|auf (?:facebook|twitter|x|whatsapp|telegram) teilen|drucken|per e-?mail (?:senden|versenden|teilen)|partager(?: sur (?:facebook|twitter|x|whatsapp|telegram))?|imprimer|envoyer par e-?mail|compartir(?: en (?:facebook|twitter|x|whatsapp|telegram))?|imprimir|enviar por (?:correo|e-?mail)|compartilhar|partilhar|поделиться(?: в (?:facebook|twitter|telegram|вконтакте|whatsapp))?|печать|распечатать|отправить по (?:почте|e-?mail))\s*[:!.]?$/iu,
  },
  {
    rule: 'share-buttons',
    why: 'a row of social network buttons',
    pattern: /^(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|vk|vkontakte|вконтакте|reddit|e-?mail|print)(?:[\s,|·•/]+|$)){2,}$/iu,
  },
  {
    rule: 'site-footer',
    why: 'a copyright or rights notice of the site',
    pattern:
      /^(?:©|\(c\)\s*\d{4}|copyright\b)|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|все права защищены|tüm hakları saklıdır|všechna práva vyhrazena/iu,
  },
  {
    rule: 'newsletter-prompt',
    why: 'a prompt to follow the site or subscribe to it',
    pattern:
      /^(?:follow us|subscribe|sign up for (?:our|the) newsletter|join our mailing list|folgen sie uns|newsletter abonnieren|abonnieren sie|suivez-nous|abonnez-vous|inscrivez-vous|síguenos|suscríbete|suscribirse|siga-nos|inscreva-se|assine (?:a|nossa) newsletter|подписывайтесь|подпишитесь|подписаться|следите за нами)(?![\p{L}])/iu,
  },
  {
    rule: 'tag-line',
    why: 'a list of the site’s tags or keywords',
    pattern:
      /^(?:tags|tagged(?: with)?|keywords|schlagwörter|schlagworte|stichwörter|étiquettes|mots-clés|etiquetas|palabras clave|теги|метки|тэги|ключевые слова|etiketler|štítky)\s*:/iu,
  },
  { rule: 'cookie-notice', why: 'a cookie notice', pattern: /(?<![\p{L}])(?:cookies?|куки)(?![\p{L}])/iu },
  {
    rule: 'related-links',
    why: 'a link to other articles of the site',
    pattern:
      /^(?:read more|related(?: articles| posts| stories| news)?|more on this(?: topic)?|you may also like|weiterlesen|mehr zum thema|lesen sie auch|lire aussi|à lire aussi|lire la suite|articles? (?:connexes|similaires)|leer más|lee también|artículos relacionados|noticias relacionadas|leia (?:mais|também)|artigos relacionados|читайте также|читать далее|подробнее|похожие (?:статьи|новости)|по теме)(?![\p{L}])/iu,
  },
];

function boilerplateProposals(lines: Line[], notes: string[]): BoilerplateProposal[] {
  const proposals: BoilerplateProposal[] = [];
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '' || text.length > maxBoilerplateLength) continue;
    const match = boilerplatePatterns.find((p) => p.pattern.test(line.plain));
    if (!match) continue;
    const startsWith = lineStart(line.text.trimStart());
    if (proposals.some((p) => p.starts_with === startsWith)) continue;
    // The start must pick out only lines of this same furniture, never a line of the statement.
    const clash = lines.find((other) => other.text.trimStart().startsWith(startsWith) && other.text.trim() !== text);
    if (clash) {
      notes.push(
        `boilerplate: "${short(text)}" looks like ${match.why}, but "${short(clash.text.trim())}" starts the same way; not proposed`,
      );
      continue;
    }
    proposals.push({ starts_with: startsWith, rule: match.rule, reason: `Proposed by make add: ${match.why}, not text of the statement` });
  }
  return proposals;
}

/** The line itself when short, else its first words up to maxStartsWith characters. */
function lineStart(text: string): string {
  const chars = [...text];
  if (chars.length <= maxStartsWith) return text.trimEnd();
  const cut = chars.slice(0, maxStartsWith).join('');
  const space = cut.lastIndexOf(' ');
  return (space > maxStartsWith / 2 ? cut.slice(0, space) : cut).trimEnd();
}
