// The translated versions of a multi-language text, paragraph by paragraph: codes projected from
// the original's aligned paragraph, the alignments table, and what each aligned group does not
// share across its versions (a paragraph lost, an entity, an event or a number missing or
// different), so translation gaps become rows a researcher can count.
import type {
  AlignmentDifferenceRow,
  AlignmentRow,
  AnnotationRow,
  ClaimRow,
  DocumentRow,
  EventMentionRow,
  MentionRow,
  ParagraphRow,
} from '../tables.js';
import { groupBy } from '../lib/group.js';

/**
 * Codes of the original's paragraph carried over to each translation's aligned paragraph, unless
 * the translation codes that paragraph with that code directly. The span is the whole paragraph:
 * the projection says what the paragraph is coded with, not which words carry it.
 */
export function projectCodes(
  documents: readonly DocumentRow[],
  paragraphs: readonly ParagraphRow[],
  annotations: readonly AnnotationRow[],
): AnnotationRow[] {
  const paragraphOf = new Map(paragraphs.map((p) => [`${p.doc_id}#${p.n}`, p]));
  const byAlignKey = new Map(paragraphs.filter((p) => p.align_key).map((p) => [`${p.doc_id}@${p.align_key}`, p]));
  const direct = new Set(
    annotations.filter((a) => a.method === 'direct' && a.code_id).map((a) => `${a.doc_id}#${a.paragraph_n}#${a.code_id}`),
  );
  const out: AnnotationRow[] = [];
  for (const target of documents) {
    if (!target.translation_of) continue;
    for (const a of annotations) {
      if (a.doc_id !== target.translation_of || a.method !== 'direct' || a.status !== 'coded') continue;
      const key = paragraphOf.get(`${a.doc_id}#${a.paragraph_n}`)?.align_key;
      const p = key ? byAlignKey.get(`${target.doc_id}@${key}`) : undefined;
      if (!p || direct.has(`${p.doc_id}#${p.n}#${a.code_id}`)) continue;
      out.push({
        annotation_id: `${target.doc_id}/${target.translation_of.split('-').pop()}-${a.entry_id.split('/').pop()}#${a.code_id}`,
        entry_id: a.entry_id,
        doc_id: target.doc_id,
        code_id: a.code_id,
        status: 'coded',
        method: 'projected',
        start_cp: p.start_cp,
        end_cp: p.end_cp,
        quote: p.text,
        paragraph_n: p.n,
        projected_from: a.annotation_id,
        note: null,
      });
    }
  }
  return out;
}

interface Layer {
  mentions: readonly MentionRow[];
  eventMentions: readonly EventMentionRow[];
  claims: readonly ClaimRow[];
  /** Where each truncated version stops (code point of its first 'truncated' flag): what is lost after it is a capture loss. */
  truncatedAt?: ReadonlyMap<string, number>;
}

/** A claim's identity across languages: what is counted, in which unit, about which event. */
const claimKey = (c: ClaimRow) => `${c.quantity}/${c.unit}/${c.event_id ?? '-'}`;
const interval = (c: ClaimRow) => (c.low === c.high ? `${c.low ?? '?'}` : `${c.low ?? '?'}..${c.high ?? '?'}`);

/**
 * Two versions state the same numbers: the same intervals, where a vague word read through the
 * lexicon ("dozens" 24..99, "decenas" 20..99) agrees with any overlapping reading of another vague
 * word. The lexicon's intervals are this dataset's readings, not numbers the texts differ on.
 */
export function sameNumbers(a: readonly ClaimRow[], b: readonly ClaimRow[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (cs: readonly ClaimRow[]) =>
    [...cs].sort((x, y) => (x.low ?? -Infinity) - (y.low ?? -Infinity) || (x.high ?? Infinity) - (y.high ?? Infinity));
  const [xs, ys] = [sorted(a), sorted(b)];
  return xs.every((x, i) => {
    const y = ys[i]!;
    if (x.low === y.low && x.high === y.high) return true;
    if (x.value_basis !== 'lexicon' || y.value_basis !== 'lexicon') return false;
    return (x.low ?? -Infinity) <= (y.high ?? Infinity) && (y.low ?? -Infinity) <= (x.high ?? Infinity);
  });
}

export function alignParagraphs(
  documents: readonly DocumentRow[],
  paragraphs: readonly ParagraphRow[],
  layer: Layer,
): { alignments: AlignmentRow[]; differences: AlignmentDifferenceRow[] } {
  const byId = new Map(documents.map((d) => [d.doc_id, d]));
  const language = new Map(documents.map((d) => [d.doc_id, d.language]));
  const count = <T extends { doc_id: string; paragraph_n: number }>(rows: readonly T[]) =>
    groupBy(rows, (r) => `${r.doc_id}#${r.paragraph_n}`);
  const mentionsIn = count(layer.mentions);
  const eventsIn = count(layer.eventMentions);
  const claimsIn = count(layer.claims);

  const groups = groupBy(
    paragraphs.filter((p) => p.align_key),
    (p) => p.align_key!,
  );

  const alignments: AlignmentRow[] = [];
  const differences: AlignmentDifferenceRow[] = [];
  // A difference in a version cut short, at or after the paragraph where it stops, is the capture's loss.
  const cause = (doc: string, p: ParagraphRow | undefined): AlignmentDifferenceRow['cause'] => {
    const cut = layer.truncatedAt?.get(doc);
    return cut !== undefined && (p === undefined || p.end_cp > cut) ? 'capture' : 'version';
  };
  for (const [group, members] of groups) {
    const here = (p: ParagraphRow) => `${p.doc_id}#${p.n}`;
    for (const p of members) {
      alignments.push({
        align_group: group,
        doc_id: p.doc_id,
        language: language.get(p.doc_id)!,
        paragraph_n: p.n,
        n_chars: p.end_cp - p.start_cp,
        n_mentions: mentionsIn.get(here(p))?.length ?? 0,
        n_event_mentions: eventsIn.get(here(p))?.length ?? 0,
        n_claims: claimsIn.get(here(p))?.length ?? 0,
      });
    }
    // The versions of the text this group should have: every document of the same source.
    const source = byId.get(members[0]!.doc_id)!.source_id;
    const versions = documents.filter((d) => d.source_id === source);
    const present = new Set(members.map((p) => p.doc_id));
    const langsOf = (docs: Iterable<string>) => [...docs].map((d) => language.get(d)!).join(',');
    for (const d of versions) {
      if (!present.has(d.doc_id)) {
        differences.push(
          diff(
            group,
            d.doc_id,
            'missing_paragraph',
            'paragraph',
            langsOf(present),
            `the ${d.language} version has no paragraph ${group}`,
            cause(d.doc_id, undefined),
          ),
        );
      }
    }
    const compare = (kind: 'missing_entity' | 'missing_event', itemsOf: (p: ParagraphRow) => string[]) => {
      const holders = new Map<string, Set<string>>();
      for (const p of members) for (const item of itemsOf(p)) holders.set(item, (holders.get(item) ?? new Set()).add(p.doc_id));
      for (const [item, docs] of [...holders].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
        for (const p of members) {
          if (!docs.has(p.doc_id))
            differences.push(
              diff(
                group,
                p.doc_id,
                kind,
                item,
                langsOf(docs),
                `${item} appears in ${langsOf(docs)} but not in ${language.get(p.doc_id)}`,
                cause(p.doc_id, p),
              ),
            );
        }
      }
    };
    compare('missing_entity', (p) => (mentionsIn.get(here(p)) ?? []).map((m) => m.entity_id));
    compare('missing_event', (p) => (eventsIn.get(here(p)) ?? []).map((e) => e.event_id));

    // Claims: missing in a version, or stated with a different interval.
    const claimsBy = new Map<string, Map<string, ClaimRow[]>>();
    for (const p of members) {
      for (const c of claimsIn.get(here(p)) ?? []) {
        const perDoc = claimsBy.get(claimKey(c)) ?? new Map<string, ClaimRow[]>();
        perDoc.set(p.doc_id, [...(perDoc.get(p.doc_id) ?? []), c]);
        claimsBy.set(claimKey(c), perDoc);
      }
    }
    for (const [key, perDoc] of [...claimsBy].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
      const stated = (doc: string) => (perDoc.get(doc) ?? []).map((c) => `"${c.raw_phrase}" = ${interval(c)}`).join('; ');
      const all = members.map((p) => `${language.get(p.doc_id)}: ${stated(p.doc_id) || '-'}`).join(' | ');
      const intervals = new Map([...perDoc].map(([doc, cs]) => [doc, cs.map(interval).sort().join(';')]));
      const counts = new Map<string, number>();
      for (const v of intervals.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
      // The interval most versions give is the reference; ties go to the original's.
      const original = members.find((p) => !byId.get(p.doc_id)!.translation_of)?.doc_id;
      const majority = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      const referenceDoc = perDoc.has(original ?? '') ? original! : [...intervals].find(([, v]) => v === majority)![0];
      for (const p of members) {
        const mine = perDoc.get(p.doc_id);
        if (mine === undefined)
          differences.push(diff(group, p.doc_id, 'missing_claim', key, langsOf(perDoc.keys()), all, cause(p.doc_id, p)));
        else if (!sameNumbers(mine, perDoc.get(referenceDoc)!))
          differences.push(diff(group, p.doc_id, 'claim_value', key, langsOf(perDoc.keys()), all, cause(p.doc_id, p)));
      }
    }
  }
  const order = (a: AlignmentRow, b: AlignmentRow) =>
    a.align_group.localeCompare(b.align_group, 'en') || a.doc_id.localeCompare(b.doc_id, 'en');
  return {
    alignments: alignments.sort(order),
    differences: differences.sort((a, b) => a.difference_id.localeCompare(b.difference_id, 'en')),
  };
}

function diff(
  group: string,
  doc: string,
  kind: AlignmentDifferenceRow['kind'],
  item: string,
  presentIn: string,
  detail: string,
  cause: AlignmentDifferenceRow['cause'],
): AlignmentDifferenceRow {
  return {
    difference_id: `${group}/${kind}/${item}/${doc}`,
    align_group: group,
    doc_id: doc,
    kind,
    item,
    present_in: presentIn,
    detail,
    cause,
  };
}
