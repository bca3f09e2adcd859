// The corpus section of the dataset page: every document, by language and annotation status,
// with its counts and a link to its reader (documents/<doc_id>.html). Pure: rows in, HTML out.
import { escapeHtml, formatInteger } from './page.js';

export interface CorpusEntry {
  doc_id: string;
  title: string | null;
  language: string;
  annotation_status: string;
  n_sentences: number;
  sentences_coded: number;
  n_words: number;
  annotations: number;
  is_translation: boolean;
  /** Reader page, relative to the dataset page. */
  href: string;
  /** The side-by-side page of its aligned versions, if any. */
  alignedHref: string | null;
}

export function renderCorpus(entries: CorpusEntry[]): string {
  if (!entries.length) return '<p class="missing">This release has no documents.</p>';
  const sorted = [...entries].sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : a.doc_id < b.doc_id ? -1 : 1));
  const tally = new Map<string, Map<string, number>>();
  for (const e of sorted) {
    const byStatus = tally.get(e.language) ?? new Map<string, number>();
    byStatus.set(e.annotation_status, (byStatus.get(e.annotation_status) ?? 0) + 1);
    tally.set(e.language, byStatus);
  }
  const summary = [...tally]
    .map(
      ([lang, byStatus]) =>
        `<li><strong>${escapeHtml(lang)}</strong>: ${[...byStatus].map(([s, n]) => `${n} ${escapeHtml(s)}`).join(', ')}</li>`,
    )
    .join('');
  const aligned = [...new Set(sorted.map((e) => e.alignedHref).filter((h): h is string => h !== null))].sort();
  const rows = sorted
    .map(
      (e) => `
        <tr data-doc-id="${escapeHtml(e.doc_id)}">
          <td>${escapeHtml(e.language)}</td>
          <td><a href="${escapeHtml(e.href)}"${e.title ? ` lang="${escapeHtml(e.language)}"` : ''}>${escapeHtml(e.title ?? e.doc_id)}</a><br><code>${escapeHtml(e.doc_id)}</code>${e.is_translation ? ' <span class="type">translation</span>' : ''}</td>
          <td>${e.annotation_status === 'draft' ? `<strong>draft</strong>: ${e.sentences_coded} of ${e.n_sentences} sentences coded` : escapeHtml(e.annotation_status)}</td>
          <td class="num">${escapeHtml(formatInteger(e.annotations))}</td>
          <td class="num">${escapeHtml(formatInteger(e.n_words))}</td>
        </tr>`,
    )
    .join('');
  return `<p>${entries.length} documents, each with a reader: the clean text with every annotation, claim, entity, event and known defect marked.</p>
      <ul class="corpus-summary">${summary}</ul>
      ${aligned.map((h) => `<p>Aligned versions side by side: <a href="${escapeHtml(h)}">${escapeHtml(h.replace(/^.*\//, '').replace(/\.html$/, ''))}</a></p>`).join('')}
      <div class="card"><table class="corpus">
        <thead><tr><th>Language</th><th>Document</th><th>Annotation</th><th>Annotations</th><th>Words</th></tr></thead>
        <tbody>${rows}
        </tbody>
      </table></div>`;
}
