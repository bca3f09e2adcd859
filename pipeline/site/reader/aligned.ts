// The side-by-side page of an aligned text (the RCIT statement in five languages): one row per
// aligned paragraph group (paragraphs.align_key), one column per version, and in each cell what
// the alignment check found that version lacks or says differently (alignment_differences).
// Pure: the versions' rows in, one HTML page out.
import { codePointText } from '../../lib/codepoints.js';
import { alignAnchor, pageHead, readerFile } from './document.js';
import { attr, escapeHtml } from './format.js';
import type { AlignmentDifferenceRow, DocumentBundle } from './rows.js';

/** Group name of an align_key: "rcit-2022-01-05#3" -> "rcit-2022-01-05". */
export const alignGroup = (key: string) => key.slice(0, key.indexOf('#') < 0 ? key.length : key.indexOf('#'));

/** Versions sharing align keys, by group, each group's versions in document order. */
export function alignedGroups(bundles: DocumentBundle[]): Map<string, DocumentBundle[]> {
  const groups = new Map<string, DocumentBundle[]>();
  for (const b of bundles) {
    const names = new Set(
      b.paragraphs
        .map((p) => p.align_key)
        .filter((k): k is string => k !== null)
        .map(alignGroup),
    );
    for (const g of names) {
      const list = groups.get(g);
      if (list) list.push(b);
      else groups.set(g, [b]);
    }
  }
  for (const [g, list] of groups) if (list.length < 2) groups.delete(g);
  return groups;
}

/** File name of a group's side-by-side page. */
export const alignedFile = (group: string) => `${group}.html`;

export function renderAligned(group: string, versions: DocumentBundle[], differences: AlignmentDifferenceRow[]): string {
  // Rows follow the version with the most aligned paragraphs; keys only others have come after.
  const keysOf = (b: DocumentBundle) =>
    b.paragraphs.map((p) => p.align_key).filter((k): k is string => k !== null && alignGroup(k) === group);
  const fullest = [...versions].sort((a, b) => keysOf(b).length - keysOf(a).length)[0]!;
  const keys = [...new Set([...keysOf(fullest), ...versions.flatMap(keysOf)])];
  const diffs = new Map<string, AlignmentDifferenceRow[]>();
  for (const d of differences) {
    const k = `${d.align_group}\u0000${d.doc_id}`;
    const list = diffs.get(k);
    if (list) list.push(d);
    else diffs.set(k, [d]);
  }
  const cells = versions.map((b) => {
    const text = codePointText(b.document.text);
    const byKey = new Map(b.paragraphs.filter((p) => p.align_key).map((p) => [p.align_key!, p]));
    return { b, text, byKey };
  });
  const head = versions
    .map(
      (b) =>
        `<th scope="col"><a href="${escapeHtml(readerFile(b.document.doc_id))}">${escapeHtml(b.document.language)}</a> <span class="muted">${escapeHtml(b.document.doc_id)}</span></th>`,
    )
    .join('');
  let nDiffs = 0;
  const rows = keys
    .map((key) => {
      const tds = cells
        .map(({ b, text, byKey }) => {
          const p = byKey.get(key);
          const found = diffs.get(`${key}\u0000${b.document.doc_id}`) ?? [];
          nDiffs += found.length;
          const list = found.length
            ? `<ul class="diffs">${found.map((d) => `<li class="diff diff-${escapeHtml(d.kind)}"${attr('data-difference-id', d.difference_id)}><strong>${escapeHtml(d.kind.replace(/_/g, ' '))}</strong> <code>${escapeHtml(d.item)}</code> (in ${escapeHtml(d.present_in)}): ${escapeHtml(d.detail)}</li>`).join('')}</ul>`
            : '';
          const body = p
            ? `<div class="para kind-${escapeHtml(p.kind)}">${p.number !== null ? `<span class="pnum">${p.number}.</span> ` : ''}${escapeHtml(text.slice(p.start_cp, p.end_cp))} <a class="para-link" href="${escapeHtml(`${readerFile(b.document.doc_id)}#p${p.n}`)}" aria-label="read in context">¶${p.n}</a></div>`
            : '<p class="missing">(no such paragraph in this version)</p>';
          return `<td${attr('lang', b.document.language)}${attr('data-lang', b.document.language)} class="${found.length ? 'differs' : 'same'}">${body}${list}</td>`;
        })
        .join('');
      return `<tr id="${escapeHtml(alignAnchor(key))}"><th scope="row">${escapeHtml(key.slice(key.indexOf('#') + 1))}</th>${tds}</tr>`;
    })
    .join('\n');
  return `${pageHead(`${group}: versions side by side`)}
  <main class="reader-main aligned-main">
    <h1>${escapeHtml(group)}: ${versions.length} versions side by side</h1>
    <p>Each row is one aligned paragraph (<code>paragraphs.align_key</code>). A cell with a coloured edge is a version that lacks something the others have, or says it differently (${nDiffs} rows of <code>alignment_differences</code>). Each language links to its reader.</p>
    <div class="scroll"><table class="aligned"><thead><tr><th scope="col">¶</th>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
    <footer><p><a href="../index.html#corpus">All documents</a>.</p></footer>
  </main>
</body>
</html>
`;
}
