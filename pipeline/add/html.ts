// The readable text of a saved web page: Readability picks the article out of the navigation,
// share buttons and footer, and the article's DOM is turned into plain text with one paragraph per
// block. jsdom parses only: it runs no script and fetches nothing (no URL, no resources).
//
// Every value read from the page also comes with its evidence: the part of the HTML source, byte
// for byte, that states it (a meta tag's content value, the <title> text as written, with its
// entities), so the build can check that the value was stated and not made up.
import { Readability } from '@mozilla/readability';
import type { JSDOM } from 'jsdom';
import { jsdom } from '../lib/packages.js';

export interface ReadableHtml {
  text: string;
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
  canonicalUrl?: string;
  lang?: string;
  /** For each value above: a verbatim substring of the HTML source that states it (absent when none was found). */
  evidence: Partial<Record<'title' | 'byline' | 'siteName' | 'publishedTime' | 'canonicalUrl' | 'lang', string>>;
}

export function extractReadable(html: string): ReadableHtml {
  // A virtual console with no listener: CSS jsdom cannot parse must not print to the terminal.
  const { JSDOM, VirtualConsole } = jsdom();
  const dom = new JSDOM(html, { includeNodeLocations: true, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const source = new SourceMap(dom, html);

  // Readability changes the document it reads, so it reads a copy; `doc` keeps the source positions.
  const article = new Readability(doc.cloneNode(true) as Document, { serializer: (node) => node }).parse();
  const content = article?.content ?? doc.body;
  const text = content ? plainText(content) : '';

  const head = {
    canonicalUrl: absoluteUrl(attribute(doc, 'link[rel~="canonical" i]', 'href') ?? attribute(doc, 'meta[property="og:url"]', 'content')),
    publishedTime: attribute(doc, 'meta[property="article:published_time"]', 'content') ?? present(article?.publishedTime),
    lang: present(doc.documentElement.getAttribute('lang')),
  };
  const values = {
    title: articleHeading(doc) ?? present(article?.title),
    byline: present(article?.byline),
    siteName: present(article?.siteName),
    ...head,
  };

  const result: ReadableHtml = { text, evidence: {} };
  for (const [key, value] of Object.entries(values) as [keyof ReadableHtml['evidence'], string | undefined][]) {
    if (value === undefined) continue;
    result[key] = value;
    const evidence = source.evidenceFor(value);
    if (evidence !== undefined) result.evidence[key] = evidence;
  }
  dom.window.close();
  return result;
}

/**
 * The page's one <h1> when <title> repeats it. Readability builds its title from <title> and cuts
 * it by rule (at ": ", at " – "), which can drop the start of a headline ("Kazakhstan: …") or keep
 * the site name; an <h1> confirmed by <title> is the headline as the author wrote it.
 */
function articleHeading(doc: Document): string | undefined {
  const h1s = doc.querySelectorAll('h1');
  if (h1s.length !== 1) return undefined;
  const heading = collapse(h1s[0]!.textContent ?? '');
  return heading !== '' && collapse(doc.title).includes(heading) ? heading : undefined;
}

function present(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function attribute(doc: Document, selector: string, name: string): string | undefined {
  return present(doc.querySelector(selector)?.getAttribute(name));
}

/** Only a complete http(s) address counts: a relative one ("/news/1") would have to be completed by guessing the site. */
function absoluteUrl(value: string | undefined): string | undefined {
  if (value === undefined || !/^https?:\/\//i.test(value)) return undefined;
  try {
    new URL(value);
    return value;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Evidence: where in the source a value is written

/** Longest evidence returned: beyond this, the place is a whole section, not a statement of the value. */
const maxEvidence = 600;

/** The part of parse5's element location used here (jsdom types it as the plain node location). */
interface Span {
  startOffset: number;
  endOffset: number;
}
interface ElementSpans extends Span {
  attrs?: Record<string, Span>;
  startTag?: Span;
  endTag?: Span;
}

class SourceMap {
  constructor(
    private readonly dom: JSDOM,
    private readonly html: string,
  ) {}

  /**
   * The value itself when the source has it verbatim; otherwise the source of the smallest place
   * whose decoded text holds it (a <title> with "&amp;", a content="…" value with "&#39;").
   */
  evidenceFor(value: string): string | undefined {
    if (this.html.includes(value)) return value;
    const doc = this.dom.window.document;
    const wanted = collapse(value);
    for (const el of doc.querySelectorAll('meta[content], link[href], html[lang]')) {
      for (const name of ['content', 'href', 'lang']) {
        const v = el.getAttribute(name);
        if (v !== null && collapse(v).includes(wanted)) {
          const raw = this.attributeSource(el, name);
          if (raw !== undefined) return raw;
        }
      }
    }
    // The deepest element whose text holds the value: <title>, an <h1>, a byline <span>.
    let best: Element | undefined;
    for (const el of doc.querySelectorAll('*')) {
      if (collapse(el.textContent ?? '').includes(wanted) && (!best || best.contains(el))) best = el;
    }
    const raw = best && this.innerSource(best);
    return raw !== undefined && raw.length <= maxEvidence ? raw : undefined;
  }

  private location(el: Element): ElementSpans | undefined {
    return (this.dom.nodeLocation(el) as ElementSpans | null | undefined) ?? undefined;
  }

  /** The attribute's value as written in the source, without its quotes. */
  private attributeSource(el: Element, name: string): string | undefined {
    const loc = this.location(el)?.attrs?.[name];
    if (!loc) return undefined;
    const written = this.html.slice(loc.startOffset, loc.endOffset);
    const m = /^[^=]*=\s*(?:"([^"]*)"|'([^']*)'|(\S*))$/s.exec(written);
    return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  }

  private innerSource(el: Element): string | undefined {
    const loc = this.location(el);
    if (!loc?.startTag || !loc.endTag) return undefined;
    return this.html.slice(loc.startTag.endOffset, loc.endTag.startOffset).trim() || undefined;
  }
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------
// Article DOM → plain text

/** Elements that start and end a paragraph of their own. */
const blocks = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);
/** Elements whose content is not text of the page. */
const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Paragraphs separated by a blank line. Inside a paragraph, HTML white space collapses to one
 * space (as a browser shows it) and <br> stays a line break; a non-breaking space is kept, as it
 * is a character of the text. List items start with "- " (with "1. " in a numbered list, whose
 * numbers are part of what the text says).
 */
export function plainText(root: Node): string {
  const paragraphs: string[] = [];
  let inline = '';
  let marker: string | null = null;

  const flush = () => {
    const lines = inline
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').trim())
      .filter((line) => line !== '');
    inline = '';
    if (lines.length === 0) return;
    paragraphs.push((marker ?? '') + lines.join('\n'));
    marker = null;
  };

  const visit = (node: Node, listDepth: number) => {
    if (node.nodeType === TEXT_NODE) {
      // Line breaks of the HTML source are white space like any other; only <br> breaks a line.
      inline += (node as Text).data.replace(/[ \t\r\f\n]+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (skipped.has(tag)) return;
    if (tag === 'BR') {
      inline += '\n';
      return;
    }
    if (!blocks.has(tag)) {
      for (const child of el.childNodes) visit(child, listDepth);
      return;
    }
    flush();
    if (tag === 'PRE') {
      // Preformatted text keeps its spacing and line breaks.
      const pre = (el.textContent ?? '').replace(/^\n/, '').trimEnd();
      if (pre.trim() !== '') paragraphs.push((marker ?? '') + pre);
      marker = null;
      return;
    }
    const depth = tag === 'UL' || tag === 'OL' ? listDepth + 1 : listDepth;
    if (tag === 'LI') marker = '  '.repeat(Math.max(0, listDepth - 1)) + listMarker(el);
    for (const child of el.childNodes) visit(child, depth);
    flush();
    if (tag === 'LI') marker = null;
  };

  visit(root, 0);
  flush();
  return paragraphs.join('\n\n');
}

function listMarker(li: Element): string {
  const list = li.parentElement;
  if (list?.tagName.toUpperCase() !== 'OL') return '- ';
  const start = Number(list.getAttribute('start') ?? '1');
  const items = [...list.children].filter((c) => c.tagName.toUpperCase() === 'LI');
  return `${(Number.isFinite(start) ? start : 1) + items.indexOf(li)}. `;
}
