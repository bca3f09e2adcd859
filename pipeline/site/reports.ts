// The page's "Quality and changes" section: the release's QA report (QUALITY.md) and its diff
// against the previous version (DIFF.md), each folded under a summary line, with links to the
// Markdown and JSON files. Pure; the Markdown goes through the card's renderer, which escapes raw
// HTML and drops unsafe links.
import { dataFolder, escapeHtml, inlineMarkdownChars, renderCard, tooLongToShow } from './page.js';

export interface ReleaseReports {
  /** QUALITY.md of the release, or null when it has none. */
  quality: string | null;
  /** DIFF.md of the release, or null when it has none. */
  diff: string | null;
}

/** Headings one level down, so the report's sections sit under the section's h2 (its title is the summary line). */
const demote = (markdown: string) => markdown.replace(/^(#{1,5}) /gm, '#$1 ');

/** The first heading of a report, as plain text for its summary line. */
const title = (markdown: string, fallback: string) => /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? fallback;

function report(markdown: string | null, fallback: string, files: [string, string]): string {
  const links = files.map((f) => `<a href="${escapeHtml(`${dataFolder}/${f}`)}">${escapeHtml(f)}</a>`).join(' · ');
  if (markdown === null) return `<p class="missing">This release has no ${escapeHtml(files[0])}.</p>`;
  return `<details class="report">
        <summary><strong>${escapeHtml(title(markdown, fallback))}</strong> (${links})</summary>
        ${markdown.length > inlineMarkdownChars ? tooLongToShow(markdown, files[0]) : renderCard(demote(markdown.replace(/^# .*\n+/m, '')))}
      </details>`;
}

export function renderReports(reports: ReleaseReports | undefined): string {
  if (!reports) return '';
  return `
    <section id="quality" class="card">
      <h2>Quality and changes</h2>
      <p>How complete and how checked this release is, and what changed since the previous version: generated with the release from its data (the files are also in the downloads).</p>
      ${report(reports.quality, 'Quality report', ['QUALITY.md', 'quality.json'])}
      ${report(reports.diff, 'Changes since the previous version', ['DIFF.md', 'diff.json'])}
    </section>
`;
}
