// What the standards say, written down for the tests from their documentation, and checks that use
// it: the terms of the W3C Web Annotation context (http://www.w3.org/ns/anno.jsonld), the fields of
// a Zenodo deposit (Zenodo's REST API documentation, "Deposit metadata"), and the fields of a
// Hugging Face dataset card (datasetcard.md of huggingface/hub-docs and its "Manual Configuration"
// guide). Each check returns the problems it finds, so that a test can also show it failing.

/** Terms the W3C anno.jsonld context defines that an annotation collection may use here. */
export const annoTerms = new Set([
  '@context',
  'id',
  'type',
  'label',
  'total',
  'first',
  'last',
  'next',
  'prev',
  'items',
  'partOf',
  'startIndex',
  'generator',
  'creator',
  'created',
  'generated',
  'modified',
  'name',
  'motivation',
  'purpose',
  'body',
  'bodyValue',
  'target',
  'source',
  'selector',
  'state',
  'scope',
  'refinedBy',
  'value',
  'format',
  'language',
  'textDirection',
  'exact',
  'prefix',
  'suffix',
  'start',
  'end',
  'via',
  'canonical',
  'rights',
]);

/** The classes of the W3C vocabulary this export uses (names as the anno.jsonld context defines them). */
export const annoTypes = new Set([
  'Annotation',
  'AnnotationCollection',
  'AnnotationPage',
  'TextualBody',
  'SpecificResource',
  'TextQuoteSelector',
  'TextPositionSelector',
  'Software',
]);

/** The motivations of the Web Annotation Vocabulary (§3.3.5 of the data model); purposes use the same list. */
export const motivations = new Set([
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
]);

/** Keys of every object in a JSON value, with the path where each appears, for a term check. */
export function unknownTerms(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownTerms(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(annoTerms.has(k) ? [] : [`${path}.${k}`]), ...unknownTerms(v, `${path}.${k}`)]);
}

export interface Selectors {
  source: string;
  selector: (
    | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
    | { type: 'TextPositionSelector'; start: number; end: number }
  )[];
}

/**
 * What is wrong with a target's selectors against the document's text: the quote must be the text
 * at the position (code points), the prefix must end where the quote starts and the suffix begin
 * where it ends, and prefix + quote + suffix must occur exactly once in the text.
 */
export function selectorProblems(target: Selectors, text: string): string[] {
  const quote = target.selector.find((s) => s.type === 'TextQuoteSelector');
  const position = target.selector.find((s) => s.type === 'TextPositionSelector');
  if (!quote || !position) return ['a TextQuoteSelector and a TextPositionSelector are required'];
  const problems: string[] = [];
  const points = Array.from(text);
  const { start, end } = position;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > points.length || start > end)
    return [`position ${start}..${end} is not inside the text (${points.length} code points)`];
  const at = points.slice(start, end).join('');
  if (quote.exact !== at) problems.push(`exact ${JSON.stringify(quote.exact)} is not the text at ${start}..${end}: ${JSON.stringify(at)}`);
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  const before = points.slice(Math.max(0, start - Array.from(prefix).length), start).join('');
  const after = points.slice(end, end + Array.from(suffix).length).join('');
  if (before !== prefix) problems.push(`prefix ${JSON.stringify(prefix)} is not the text before the quote: ${JSON.stringify(before)}`);
  if (after !== suffix) problems.push(`suffix ${JSON.stringify(suffix)} is not the text after the quote: ${JSON.stringify(after)}`);
  const whole = prefix + quote.exact + suffix;
  let n = 0;
  for (let i = text.indexOf(whole); i >= 0 && n < 2; i = text.indexOf(whole, i + 1)) n++;
  if (n !== 1) problems.push(`prefix + exact + suffix occurs ${n === 0 ? 'nowhere' : 'more than once'} in the text`);
  return problems;
}

/** Zenodo's deposit metadata, as its REST API documents it (the fields this export may carry). */
export const zenodoSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['upload_type', 'publication_date', 'title', 'creators', 'description', 'access_right', 'license'],
  properties: {
    upload_type: {
      enum: ['publication', 'poster', 'presentation', 'dataset', 'image', 'video', 'software', 'lesson', 'physicalobject', 'other'],
    },
    publication_date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    title: { type: 'string', minLength: 1 },
    creators: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          affiliation: { type: 'string' },
          orcid: { type: 'string' },
          gnd: { type: 'string' },
        },
      },
    },
    description: { type: 'string', minLength: 1 },
    access_right: { enum: ['open', 'embargoed', 'restricted', 'closed'] },
    license: { type: 'string', pattern: '^[a-z0-9][a-z0-9.+-]*$' },
    doi: { type: 'string' },
    keywords: { type: 'array', items: { type: 'string', minLength: 1 } },
    notes: { type: 'string' },
    version: { type: 'string' },
    language: { type: 'string', pattern: '^[a-z]{3}$' },
    related_identifiers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['identifier', 'relation'],
        properties: {
          identifier: { type: 'string', minLength: 1 },
          relation: {
            enum: [
              'isCitedBy',
              'cites',
              'isSupplementTo',
              'isSupplementedBy',
              'isContinuedBy',
              'continues',
              'isDescribedBy',
              'describes',
              'hasMetadata',
              'isMetadataFor',
              'isNewVersionOf',
              'isPreviousVersionOf',
              'isPartOf',
              'hasPart',
              'isReferencedBy',
              'references',
              'isDocumentedBy',
              'documents',
              'isCompiledBy',
              'compiles',
              'isVariantFormOf',
              'isOriginalFormOf',
              'isIdenticalTo',
              'isAlternateIdentifier',
              'isReviewedBy',
              'reviews',
              'isDerivedFrom',
              'isSourceOf',
              'requires',
              'isRequiredBy',
              'isObsoletedBy',
              'obsoletes',
            ],
          },
          resource_type: { type: 'string' },
        },
      },
    },
    contributors: { type: 'array' },
    references: { type: 'array', items: { type: 'string' } },
    communities: { type: 'array' },
    grants: { type: 'array' },
    subjects: { type: 'array' },
  },
} as const;

/** The top-level fields of a Hugging Face dataset card's YAML (datasetcard.md). */
export const hfCardFields = new Set([
  'language',
  'license',
  'license_name',
  'license_link',
  'license_details',
  'tags',
  'annotations_creators',
  'language_creators',
  'language_details',
  'pretty_name',
  'size_categories',
  'source_datasets',
  'task_categories',
  'task_ids',
  'paperswithcode_id',
  'configs',
  'dataset_info',
  'extra_gated_fields',
  'extra_gated_prompt',
  'train-eval-index',
]);

/** The Hub's size categories. */
export const hfSizeCategories = ['n<1K', '1K<n<10K', '10K<n<100K', '100K<n<1M', '1M<n<10M', '10M<n<100M', '100M<n<1B', 'n>1B'];

/** A few task categories of the Hub's list (pipelines.ts of huggingface.js), those a text dataset may name. */
export const hfTextTasks = new Set([
  'text-classification',
  'token-classification',
  'table-question-answering',
  'question-answering',
  'zero-shot-classification',
  'translation',
  'summarization',
  'feature-extraction',
  'text-generation',
  'fill-mask',
  'sentence-similarity',
  'text-retrieval',
]);
