// A quick first reading of a YAML input, for the files that are read in bulk (one annotation file
// per document, one sources.yaml item per source). yaml (the library every input is parsed with,
// for its positions and its messages) builds a syntax tree, then a document of nodes, then the
// data: at 100x the corpus parsing the 3,400 annotation files took 11.2 s, and was the annotate
// stage's bottleneck (issue 17). js-yaml builds the data straight from its parser's events, in a
// quarter of the time, and passes the whole YAML test suite as yaml does.
//
// The data must be what yaml gives, byte for byte, or nothing: where js-yaml refuses a text (any
// error, a tag or alias, a key that is not a scalar) the caller parses it with yaml, which then
// reports the problems with their positions. Where the two could read one text differently, the
// schema below is yaml's: its core-schema scalars (the same patterns and the same functions, taken
// from yaml itself) and its mapping keys (null -> '', anything else by String). Explicit standard
// tags (`!!int 3`) are refused here rather than mapped, so that yaml alone decides them.
// test/unit/yaml-quick.test.ts checks the claim on every YAML file of the repository and on
// thousands of damaged copies: wherever js-yaml gives data, yaml gives the same and no problem.
import { defineMappingTag, defineScalarTag, load, NOT_RESOLVED, Schema, seqTag, strTag } from 'js-yaml';
import { isScalar, Schema as YamlSchema } from 'yaml';

/** yaml's core-schema scalars (null, bool, int, float), in yaml's order: the first whose pattern matches a plain scalar resolves it. */
const coreScalars = new YamlSchema({ schema: 'core' }).tags.flatMap((tag, i) => {
  const test = 'test' in tag ? tag.test : undefined;
  if (!test || !tag.resolve) return [];
  const resolve = tag.resolve.bind(tag) as (
    source: string,
    onError: (message: string) => void,
    options: { intAsBigInt: boolean },
  ) => unknown;
  // A private name: `!!int 3` is then an unknown tag here, and left to yaml.
  return [
    defineScalarTag(`tag:qantar,quick:${i}`, {
      implicit: true,
      identify: () => false,
      resolve: (source, isExplicit) => {
        if (isExplicit || !test.test(source)) return NOT_RESOLVED;
        let refused = false;
        const value = resolve(source, () => (refused = true), { intAsBigInt: false });
        if (refused) return NOT_RESOLVED;
        return isScalar(value) ? value.value : value;
      },
    }),
  ];
});

/** Mapping keys as yaml's toJS writes them: null as '', a number or boolean by String; a collection key is refused. */
const keyOf = (key: unknown): string | undefined => (key === null ? '' : typeof key === 'object' ? undefined : String(key));

const yamlMap = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => ({}),
  identify: () => false,
  addPair(map, key, value) {
    const name = keyOf(key);
    if (name === undefined) return 'a key that is not a scalar';
    // yaml keeps '__proto__' as an own key, as this does; plain assignment would set the prototype.
    Object.defineProperty(map, name, { value, enumerable: true, configurable: true, writable: true });
    return '';
  },
  // By the written key: `1` and `"1"` are two keys for yaml but one here, so js-yaml refuses the
  // text as a duplicate and yaml decides it.
  has: (map, key) => {
    const name = keyOf(key);
    return name !== undefined && Object.prototype.hasOwnProperty.call(map, name);
  },
  keys: (map) => Object.keys(map),
  get: (map, key) => map[keyOf(key) ?? ''] ?? null,
});

const schema = new Schema([strTag, seqTag, yamlMap, ...coreScalars]);

/**
 * What the inputs never contain and where the two libraries were found to part ways on damaged
 * texts (test/unit/yaml-quick.test.ts): a line that starts with an explicit key or value indicator
 * (`: a: b` is data to js-yaml, an error to yaml in strict mode), a document marker (`---`, `...`;
 * one text whose markers yaml counted as two documents; and a directive such as `%YAML 1.1`, which
 * makes yaml read `yes` as true, needs one), a carriage return that does not end a
 * line (a line break to js-yaml, an error to yaml), a byte order mark (inside a text, part of a key
 * to js-yaml, skipped by yaml). A text with any of them is left to yaml.
 */
const leftToYaml = /^[ \t-]*[?:](?:[ \t\r]|$)|^(?:---|\.\.\.)(?:[ \t\r]|$)|\r(?!\n)|\uFEFF/m;

/**
 * The data of a YAML text as yaml's core schema reads it, or undefined when js-yaml refuses it
 * (an error, an empty text, a tag, an alias, a complex key): then parse it with yaml, which says why.
 */
export function quickYaml(source: string): unknown {
  if (leftToYaml.test(source)) return undefined;
  try {
    return load(source, { schema, maxAliases: 0 });
  } catch {
    return undefined;
  }
}
