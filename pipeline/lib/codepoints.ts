// Offsets in the released tables count Unicode code points; JavaScript strings index UTF-16 code
// units. One pass over a text records where each code point starts, so that every later slice is
// O(1) and a character outside the BMP (two code units) never shifts what follows it. A text
// without surrogates (most of the corpus) needs no table: there a code point is a code unit.

/** A text that can be sliced by code point offsets (end exclusive, like the tables' end_cp). */
export interface CodePointText {
  /** Length in code points. */
  length: number;
  /** Whether startCp..endCp is a range of the text (start <= end, both within it). */
  has(startCp: number, endCp: number): boolean;
  /** The code points startCp..endCp; a RangeError for a range the text does not have. */
  slice(startCp: number, endCp: number): string;
  /** The UTF-16 index where code point `cp` starts (the text's length for cp = length). */
  unit(cp: number): number;
}

export function codePointText(text: string): CodePointText {
  const units = /[\uD800-\uDFFF]/.test(text) ? codeUnitStarts(text) : null;
  const length = units ? units.length - 1 : text.length;
  const has = (startCp: number, endCp: number) => 0 <= startCp && startCp <= endCp && endCp <= length;
  return {
    length,
    has,
    slice(startCp, endCp) {
      if (!has(startCp, endCp)) throw new RangeError(`code point range ${startCp}..${endCp} outside a text of ${length} code points`);
      return units ? text.slice(units[startCp], units[endCp]) : text.slice(startCp, endCp);
    },
    unit: (cp) => (units ? units[cp]! : cp),
  };
}

/** units[i] = UTF-16 index of code point i, and one more entry: units[length] = text.length. */
function codeUnitStarts(text: string): Uint32Array {
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    units.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  units.push(text.length);
  return Uint32Array.from(units);
}
