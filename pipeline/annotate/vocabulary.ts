// The shared vocabulary of the annotation layer (codebook, entities, events, lexicon): checks that
// no schema can express (unique ids, references, dates in order, quotes that anchor) and the rows
// of the codes, lexicon, entities and events tables.
import { anchor, anchorProblem } from '../lib/anchor.js';
import { checkChangelog, versionAdded, versionRedefined } from './codebook-changes.js';
import type { DocumentLookup } from '../lib/documents.js';
import { notListedLanguage, type LanguageInfo } from '../lib/languages.js';
import type { Problem } from '../lib/problems.js';
import { closest } from '../lib/schemas.js';
import type { CodeRow, EntityFormRow, EntityRow, EventRow, LexiconRow } from '../tables.js';
import {
  type CodebookFile,
  type EntitiesFile,
  type EventEntry,
  type EventsFile,
  type LexiconFile,
  type Locator,
  selector,
  type Quoted,
} from './types.js';

export interface Vocabulary {
  codebook: CodebookFile;
  entities: EntitiesFile;
  events: EventsFile;
  lexicon: LexiconFile;
  /** raw/languages.yaml by code: every language the lexicon and the entity forms name must be listed. */
  languages: ReadonlyMap<string, LanguageInfo>;
}

export interface VocabularyLocators {
  codebook: Locator;
  entities: Locator;
  events: Locator;
  lexicon: Locator;
}

export interface VocabularyRows {
  codes: CodeRow[];
  lexicon: LexiconRow[];
  entities: Omit<EntityRow, 'n_mentions'>[];
  entity_forms: EntityFormRow[];
  events: EventRow[];
}

/** Problems for ids used twice in a list; `what` names the list in the message. */
export function duplicateIds(
  ids: readonly string[],
  at: (i: number) => Pick<Problem, 'file' | 'line' | 'column'>,
  code: string,
  what: string,
): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  ids.forEach((id, i) => {
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    else
      problems.push({
        code,
        ...at(i),
        message: `${what} '${id}' is already defined (entry ${seen + 1})`,
        hint: `give each ${what} its own id`,
      });
  });
  return problems;
}

/** A reference to an id that does not exist, with the nearest existing id as a hint. */
export function unknownReference(
  code: string,
  where: Pick<Problem, 'file' | 'line' | 'column'>,
  what: string,
  id: string,
  known: Iterable<string>,
  defineIn: string,
): Problem {
  const near = closest(id, [...known]);
  return {
    code,
    ...where,
    message: `unknown ${what} '${id}'`,
    hint: near ? `did you mean '${near}'? (see ${defineIn})` : `define it in ${defineIn} first, or correct the id`,
  };
}

/** Anchors a quote in a document, as a problem with the given code prefix when it does not match once. */
export function anchorIn(
  documents: DocumentLookup,
  doc: string,
  q: Quoted,
  prefix: string,
  at: Locator,
  path: (string | number)[],
): { start: number; end: number } | Problem {
  const d = documents.get(doc);
  if (!d)
    return unknownReference(`${prefix}/unknown-document`, at([...path, 'doc']), 'document', doc, documents.keys(), 'raw/sources.yaml');
  const found = anchor(d.text, selector(q));
  if (found.ok) return found;
  return anchorProblem(found, prefix, at([...path, 'quote']), doc);
}

const isProblem = (x: object): x is Problem => 'code' in x;

export function checkVocabulary(
  v: Vocabulary,
  at: VocabularyLocators,
  documents: DocumentLookup,
): { rows: VocabularyRows; problems: Problem[] } {
  const problems: Problem[] = [];

  // Codebook: ids, categories, examples, changelog.
  const cb = v.codebook;
  problems.push(...checkChangelog(cb, at.codebook));
  problems.push(
    ...duplicateIds(
      cb.categories.map((c) => c.id),
      (i) => at.codebook(['categories', i, 'id']),
      'codebook/duplicate-id',
      'category',
    ),
  );
  problems.push(
    ...duplicateIds(
      cb.quantities.map((q) => q.id),
      (i) => at.codebook(['quantities', i, 'id']),
      'codebook/duplicate-id',
      'quantity',
    ),
  );
  problems.push(
    ...duplicateIds(
      cb.codes.map((c) => c.id),
      (i) => at.codebook(['codes', i, 'id']),
      'codebook/duplicate-id',
      'code',
    ),
  );
  const categories = new Map(cb.categories.map((c) => [c.id, c]));
  const codes: CodeRow[] = [];
  cb.codes.forEach((c, i) => {
    const category = categories.get(c.category);
    if (!category) {
      problems.push(
        unknownReference(
          'codebook/unknown-category',
          at.codebook(['codes', i, 'category']),
          'category',
          c.category,
          categories.keys(),
          'categories',
        ),
      );
      return;
    }
    if (!c.id.startsWith(`${c.category}.`)) {
      problems.push({
        code: 'codebook/category-mismatch',
        ...at.codebook(['codes', i, 'id']),
        message: `code '${c.id}' is in category '${c.category}' but its id does not start with '${c.category}.'`,
        hint: `rename it '${c.category}.${c.id.split('.').pop()}' or correct its category`,
      });
    }
    const found = anchorIn(documents, c.example.doc, c.example, 'codebook', at.codebook, ['codes', i, 'example']);
    if (isProblem(found)) problems.push(found);
    codes.push({
      code_id: c.id,
      category: c.category,
      category_label: category.label,
      label: c.label,
      definition: c.definition,
      rule: c.rule,
      version_added: versionAdded(cb.changelog, c.id),
      version_redefined: versionRedefined(cb.changelog, c.id),
      example_doc_id: c.example.doc,
      example_quote: c.example.quote,
      codebook_version: cb.version,
    });
  });

  // Lexicon: one interval per word and language.
  const lexicon: LexiconRow[] = [];
  problems.push(
    ...duplicateIds(
      v.lexicon.entries.map((e) => `${e.lang}:${e.phrase}`),
      (i) => at.lexicon(['entries', i, 'phrase']),
      'lexicon/duplicate-phrase',
      'phrase',
    ),
  );
  v.lexicon.entries.forEach((e, i) => {
    if (!v.languages.has(e.lang)) problems.push(notListedLanguage(e.lang, at.lexicon(['entries', i, 'lang'])));
    if (e.low > e.high)
      problems.push({
        code: 'lexicon/low-above-high',
        ...at.lexicon(['entries', i, 'low']),
        message: `'${e.phrase}': low ${e.low} is above high ${e.high}`,
        hint: 'swap low and high',
      });
    lexicon.push({ lexicon_id: `${e.lang}:${e.phrase}`, lang: e.lang, phrase: e.phrase, low: e.low, high: e.high, note: e.note ?? null });
  });

  // Entities: ids, aliases, coordinates.
  const ents = v.entities;
  problems.push(
    ...duplicateIds(
      ents.gazetteers.map((g) => g.id),
      (i) => at.entities(['gazetteers', i, 'id']),
      'entities/duplicate-id',
      'gazetteer',
    ),
  );
  problems.push(
    ...duplicateIds(
      ents.entities.map((e) => e.id),
      (i) => at.entities(['entities', i, 'id']),
      'entities/duplicate-id',
      'entity',
    ),
  );
  const gazetteers = new Map(ents.gazetteers.map((g) => [g.id, g]));
  const aliasOwner = new Map<string, string>();
  const entities: VocabularyRows['entities'] = [];
  const entityForms: EntityFormRow[] = [];
  ents.entities.forEach((e, i) => {
    for (const [lang, forms] of Object.entries(e.forms)) {
      if (!v.languages.has(lang)) problems.push(notListedLanguage(lang, at.entities(['entities', i, 'forms'], lang)));
      forms.forEach((form, j) => {
        entityForms.push({ entity_id: e.id, lang, n: j + 1, form });
        const key = `${lang}\0${form}`;
        const owner = aliasOwner.get(key);
        if (owner !== undefined && owner !== e.id) {
          problems.push({
            code: 'entities/duplicate-alias',
            ...at.entities(['entities', i, 'forms', lang, j]),
            message: `form '${form}' (${lang}) is already a form of '${owner}'`,
            hint: 'a form must name one entity; use a longer form, or add or veto the mention in the annotation file',
          });
        } else if (owner === e.id) {
          problems.push({
            code: 'entities/duplicate-alias',
            ...at.entities(['entities', i, 'forms', lang, j]),
            message: `form '${form}' (${lang}) is listed twice for '${e.id}'`,
            hint: 'remove the repeated form',
          });
        }
        aliasOwner.set(key, e.id);
      });
    }
    if (e.location && e.unlocated) {
      problems.push({
        code: 'entities/located-and-unlocated',
        ...at.entities(['entities', i], 'unlocated'),
        message: `'${e.id}' has coordinates and a reason for having none`,
        hint: 'keep one of location and unlocated',
      });
    }
    if (e.type === 'place' && !e.location && !e.unlocated) {
      problems.push({
        code: 'entities/place-without-coordinates',
        ...at.entities(['entities', i, 'id']),
        message: `place '${e.id}' has no location`,
        hint: 'copy lat/lon from a gazetteer listed under `gazetteers`, or say why there is none in `unlocated`',
      });
    }
    const g = e.location ? gazetteers.get(e.location.gazetteer) : undefined;
    if (e.location && !g) {
      problems.push(
        unknownReference(
          'entities/unknown-gazetteer',
          at.entities(['entities', i, 'location', 'gazetteer']),
          'gazetteer',
          e.location.gazetteer,
          gazetteers.keys(),
          'gazetteers',
        ),
      );
    }
    entities.push({
      entity_id: e.id,
      type: e.type,
      name: e.name,
      lat: e.location?.lat ?? null,
      lon: e.location?.lon ?? null,
      gazetteer: g ? `${g.name}; ${g.package}; ${g.licence}` : null,
      gazetteer_record: e.location?.record ?? null,
      unlocated_reason: e.unlocated ?? null,
      note: e.note ?? null,
    });
  });
  const entityIds = new Set(ents.entities.map((e) => e.id));

  // Events: ids, dates, places, what the date rests on.
  problems.push(
    ...duplicateIds(
      v.events.events.map((e) => e.id),
      (i) => at.events(['events', i, 'id']),
      'events/duplicate-id',
      'event',
    ),
  );
  const events: EventRow[] = [];
  v.events.events.forEach((e, i) => {
    const here = (field: string) => at.events(['events', i, field]);
    problems.push(...checkEventDates(e, here));
    if (e.place && !entityIds.has(e.place))
      problems.push(unknownReference('events/unknown-entity', here('place'), 'entity', e.place, entityIds, 'raw/entities.yaml'));
    if (e.basis === 'stated' && !e.evidence)
      problems.push({
        code: 'events/missing-evidence',
        ...here('basis'),
        message: `'${e.id}' is stated but quotes no evidence`,
        hint: 'add `evidence` quoting where a text states the date, or make the basis inferred with a reason',
      });
    if (e.basis === 'inferred' && !e.reason)
      problems.push({
        code: 'events/missing-reason',
        ...here('basis'),
        message: `'${e.id}' is inferred but gives no reason`,
        hint: 'add `reason`: how the date range was bounded',
      });
    if (e.basis === 'inferred' && e.evidence)
      problems.push({
        code: 'events/evidence-and-reason',
        ...here('evidence'),
        message: `'${e.id}' is inferred but quotes evidence`,
        hint: 'a date the texts state has basis: stated',
      });
    if (e.basis === 'stated' && e.reason)
      problems.push({
        code: 'events/evidence-and-reason',
        ...here('reason'),
        message: `'${e.id}' is stated but gives a reason`,
        hint: 'move the remark to `note`',
      });
    const support: string[] = [];
    (e.evidence ?? []).forEach((q, j) => {
      const found = anchorIn(documents, q.doc, q, 'events', at.events, ['events', i, 'evidence', j]);
      if (isProblem(found)) problems.push(found);
      support.push(`${q.doc}: "${q.quote}"`);
    });
    events.push({
      event_id: e.id,
      label: e.label,
      date_start: e.date_start,
      date_end: e.date_end,
      precision: e.precision,
      place_entity_id: e.place ?? null,
      date_basis: e.basis,
      date_support: e.reason ?? support.join('; '),
      note: e.note ?? null,
      reference_start: e.reference?.start ?? null,
      reference_end: e.reference?.end ?? null,
      reference_precision: e.reference?.precision ?? null,
      reference_source_ids: e.reference ? e.reference.sources.join('; ') : null,
      reference_note: e.reference?.note ?? null,
    });
  });

  return { rows: { codes, lexicon, entities, entity_forms: entityForms, events }, problems };
}

/** date_end not before date_start, and a range that fits the stated precision. */
export function checkEventDates(e: EventEntry, here: (field: string) => Pick<Problem, 'file' | 'line' | 'column'>): Problem[] {
  if (e.date_end < e.date_start) {
    return [
      {
        code: 'events/date-end-before-start',
        ...here('date_end'),
        message: `'${e.id}' ends (${e.date_end}) before it starts (${e.date_start})`,
        hint: 'swap the dates, or correct the one that is wrong',
      },
    ];
  }
  const [ys, ms] = e.date_start.split('-');
  const lastOfMonth = (y: string, m: string) => new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
  const expected =
    e.precision === 'day'
      ? e.date_start
      : e.precision === 'month'
        ? `${ys}-${ms}-${String(lastOfMonth(ys!, ms!)).padStart(2, '0')}`
        : e.precision === 'year'
          ? `${ys}-12-31`
          : undefined;
  const startOk = e.precision === 'month' ? e.date_start.endsWith('-01') : e.precision === 'year' ? e.date_start.endsWith('-01-01') : true;
  if (expected !== undefined && (e.date_end !== expected || !startOk)) {
    return [
      {
        code: 'events/precision-mismatch',
        ...here('precision'),
        message: `'${e.id}' has precision ${e.precision} but runs ${e.date_start}..${e.date_end}`,
        hint: `a ${e.precision} covers exactly one ${e.precision} (e.g. ${e.precision === 'year' ? '2011-01-01..2011-12-31' : e.precision === 'month' ? '2020-10-01..2020-10-31' : 'the same start and end'}); use precision: range otherwise`,
      },
    ];
  }
  return [];
}
