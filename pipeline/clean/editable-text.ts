// A text being cleaned, kept as pieces that remember where they came from in the raw file.
//
// A piece is either verbatim (its text is exactly raw[rawStart, rawEnd)) or an edit (its text
// replaced raw[rawStart, rawEnd) under a named rule). Every cleaning rule rewrites the current text
// through `replaceAll`, so the raw text can always be rebuilt from the clean text plus the edits:
// that is the provenance the dataset promises, and the raw-rebuild test checks it.
//
// Offsets here are UTF-16 indices (JavaScript strings); they become code points only on output.

export interface Piece {
  rawStart: number;
  rawEnd: number;
  text: string;
  rule: string | null; // null: verbatim
}

export interface Replacement {
  start: number; // in the current text
  end: number;
  text: string;
}

export interface Edit {
  rule: string;
  rawStart: number;
  rawEnd: number;
  cleanStart: number;
  cleanEnd: number;
  removed: string;
  inserted: string;
}

export class EditableText {
  private pieces: Piece[];

  /** Covers raw[start, end) of `raw` (a section of a file keeps offsets into the whole file). */
  constructor(
    readonly raw: string,
    readonly start = 0,
    readonly end = raw.length,
  ) {
    this.pieces = start < end ? [{ rawStart: start, rawEnd: end, text: raw.slice(start, end), rule: null }] : [];
  }

  get text(): string {
    return this.pieces.map((p) => p.text).join('');
  }

  /**
   * Applies non-overlapping replacements (in current-text offsets) under one rule. A replacement
   * that touches an earlier edit swallows it whole, and the merged edit names both rules, because
   * an edit's text no longer maps character by character onto the raw text.
   */
  replaceAll(rule: string, replacements: readonly Replacement[]): number {
    const current = this.text;
    const todo = replacements.filter((r) => r.text !== current.slice(r.start, r.end)).sort((a, b) => a.start - b.start || a.end - b.end);
    for (let k = 1; k < todo.length; k++) {
      if (todo[k]!.start < todo[k - 1]!.end) throw new Error(`rule ${rule}: overlapping replacements`);
    }
    if (todo.length === 0) return 0;
    const widened = widenToEdits(current, this.pieces, todo);
    const pieces = splitVerbatim(
      this.pieces,
      widened.flatMap((r) => [r.start, r.end]),
    );
    const out: Piece[] = [];
    let i = 0;
    let offset = 0; // current-text offset where pieces[i] starts
    for (const r of widened) {
      while (i < pieces.length && offset + pieces[i]!.text.length <= r.start) {
        offset += pieces[i]!.text.length;
        out.push(pieces[i++]!);
      }
      const covered: Piece[] = [];
      while (i < pieces.length && offset < r.end) {
        offset += pieces[i]!.text.length;
        covered.push(pieces[i++]!);
      }
      const rules = new Set(covered.flatMap((p) => (p.rule ? p.rule.split('+') : [])));
      rules.add(rule);
      const rawStart = covered[0]?.rawStart ?? out[out.length - 1]?.rawEnd ?? this.start;
      const rawEnd = covered[covered.length - 1]?.rawEnd ?? rawStart;
      // A chain of edits that ends where it began is no edit at all.
      const verbatim = r.text === this.raw.slice(rawStart, rawEnd);
      out.push({ rawStart, rawEnd, text: r.text, rule: verbatim ? null : [...rules].join('+') });
    }
    out.push(...pieces.slice(i));
    this.pieces = out.filter((p) => p.rule !== null || p.text !== '');
    return todo.length;
  }

  /** Replaces every match of a global regex; `replace` returns the new text for a match. */
  replaceMatches(rule: string, pattern: RegExp, replace: (m: RegExpExecArray) => string): number {
    if (!pattern.global) throw new Error('pattern must be global');
    const text = this.text;
    const replacements: Replacement[] = [];
    for (const m of text.matchAll(pattern)) {
      replacements.push({ start: m.index, end: m.index + m[0].length, text: replace(m as RegExpExecArray) });
    }
    return this.replaceAll(rule, replacements);
  }

  /** The edits, in raw order, with their clean offsets (UTF-16). */
  edits(): Edit[] {
    const edits: Edit[] = [];
    let clean = 0;
    for (const p of this.pieces) {
      if (p.rule !== null) {
        edits.push({
          rule: p.rule,
          rawStart: p.rawStart,
          rawEnd: p.rawEnd,
          cleanStart: clean,
          cleanEnd: clean + p.text.length,
          removed: this.raw.slice(p.rawStart, p.rawEnd),
          inserted: p.text,
        });
      }
      clean += p.text.length;
    }
    return edits;
  }
}

/**
 * Widens each replacement to whole edit pieces (an edit cannot be cut: its text does not map onto
 * the raw text character by character) and merges replacements that then overlap.
 */
function widenToEdits(current: string, pieces: readonly Piece[], todo: readonly Replacement[]): Replacement[] {
  const edits: [number, number][] = [];
  let offset = 0;
  for (const p of pieces) {
    if (p.rule !== null) edits.push([offset, offset + p.text.length]);
    offset += p.text.length;
  }
  const inside = (x: number) => edits.find(([a, b]) => a < x && x < b);
  // Group the replacements whose widened ranges overlap, then compose each group's text.
  const groups: { start: number; end: number; members: Replacement[] }[] = [];
  for (const r of todo) {
    const start = inside(r.start)?.[0] ?? r.start;
    const end = inside(r.end)?.[1] ?? r.end;
    const last = groups[groups.length - 1];
    if (last && start < last.end) {
      last.end = Math.max(last.end, end);
      last.members.push(r);
    } else {
      groups.push({ start, end, members: [r] });
    }
  }
  return groups.map(({ start, end, members }) => {
    let text = '';
    let at = start;
    for (const m of members) {
      text += current.slice(at, m.start) + m.text;
      at = m.end;
    }
    return { start, end, text: text + current.slice(at, end) };
  });
}

/** Splits verbatim pieces at the given current-text offsets (edit pieces cannot be split). */
function splitVerbatim(pieces: readonly Piece[], cutPoints: readonly number[]): Piece[] {
  const cuts = [...new Set(cutPoints)].sort((a, b) => a - b);
  const out: Piece[] = [];
  let c = 0;
  let offset = 0;
  for (const p of pieces) {
    const end = offset + p.text.length;
    let from = 0;
    while (c < cuts.length && cuts[c]! <= offset) c++;
    if (p.rule === null) {
      for (; c < cuts.length && cuts[c]! < end; c++) {
        const at = cuts[c]! - offset;
        out.push({ rawStart: p.rawStart + from, rawEnd: p.rawStart + at, text: p.text.slice(from, at), rule: null });
        from = at;
      }
    }
    out.push(from === 0 ? p : { rawStart: p.rawStart + from, rawEnd: p.rawEnd, text: p.text.slice(from), rule: null });
    offset = end;
  }
  return out;
}

/** Rebuilds the raw section from a clean text and its edits: the inverse of cleaning. */
export function rebuildRaw(
  clean: string,
  edits: readonly Pick<Edit, 'rawStart' | 'rawEnd' | 'cleanStart' | 'cleanEnd' | 'removed'>[],
): string {
  let out = '';
  let at = 0;
  // Edits are applied in raw order: a deletion and an insertion can share a clean offset.
  for (const e of [...edits].sort((a, b) => a.rawStart - b.rawStart || a.rawEnd - b.rawEnd)) {
    out += clean.slice(at, e.cleanStart) + e.removed;
    at = e.cleanEnd;
  }
  return out + clean.slice(at);
}
