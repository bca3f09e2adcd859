// The workbench page: the document's reader (the same renderDocument as the static site, from the
// rows the annotate stage makes of the file being edited) with a panel beside the text: the
// build's checks, the suggestions to accept or reject, the sentences and their coverage, the
// annotations, and the form that codes a selection. Rendered on the server for every state of the
// file; workbench.js only sends edits and swaps the page's main part for the new one.
import type { CodebookFile } from '../annotate/types.js';
import { loadSchema } from '../lib/schemas.js';
import { formatProblem, sortProblems } from '../lib/problems.js';
import { renderDocument } from '../site/reader/document.js';
import { attr, escapeHtml } from '../site/reader/format.js';
import type { DocumentState, Workspace } from './check.js';

/** What the page's script needs and the HTML does not hold: the working copy and the hash it was loaded with. */
export interface Session {
  yaml: string;
  /** sha256 of the file on disk this copy started from (null when there is no file yet). */
  base: string | null;
  /** Whether the working copy differs from what was loaded or last saved. */
  unsaved: boolean;
}

const esc = escapeHtml;

/** JSON inside a script element: `<` escaped so that no `</script>` can end it early. */
const jsonScript = (id: string, value: unknown) =>
  `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;

/** The claim fields whose values the annotation schema enumerates (qualifier, attributed_to, stance, kind). */
function claimEnums(): Record<string, string[]> {
  type Props = Record<string, { enum?: string[] }>;
  const schema = loadSchema('annotation') as { properties: { annotations: { items: { properties: { claim: { properties: Props } } } } } };
  const props = schema.properties.annotations.items.properties.claim.properties;
  return Object.fromEntries(Object.entries(props).flatMap(([k, v]) => (v.enum ? [[k, v.enum]] : [])));
}

export function renderWorkbench(ws: Workspace, state: DocumentState, session: Session): string {
  const head = `
  <link rel="stylesheet" href="../assets/text-annotator.css">
  <link rel="stylesheet" href="../assets/workbench.css">
  <script type="module" src="../assets/workbench.js"></script>`;
  const script = jsonScript('wb-session', {
    ...session,
    doc: ws.docId,
    paragraphs: state.bundle.paragraphs.map((p) => ({ n: p.n, start_cp: p.start_cp, end_cp: p.end_cp })),
    suggestions: state.suggestions,
    entries: state.entries,
  });
  const panel = `${renderPanel(ws, state, session)}\n${script}`;
  return renderDocument(state.bundle, ws.vocabulary, undefined, { head, panel }).replace(
    '<body class="reader">',
    '<body class="reader workbench">',
  );
}

/** Whether the document can be marked complete: every sentence covered, no suggestion left, no problem. */
export function readyToComplete(state: DocumentState): boolean {
  return state.problems.length === 0 && state.suggestions.length === 0 && state.sentences.every((s) => s.state !== 'none');
}

function renderPanel(ws: Workspace, state: DocumentState, session: Session): string {
  const covered = state.sentences.filter((s) => s.state !== 'none').length;
  const ready = readyToComplete(state);
  const status = state.status ?? 'unreadable';
  const summary = [
    `<strong>${esc(status)}</strong>`,
    `${covered} of ${state.sentences.length} sentences covered`,
    `${state.suggestions.length} suggestion${state.suggestions.length === 1 ? '' : 's'} open`,
    `${state.problems.length} problem${state.problems.length === 1 ? '' : 's'}`,
  ].join(' · ');
  return `<section class="wb-panel not-annotatable" id="workbench" aria-label="Annotation workbench">
  <h2>Workbench <code>${esc(ws.file)}</code></h2>
  <p class="wb-summary" data-status="${esc(status)}" data-covered="${covered}" data-sentences="${state.sentences.length}">${summary}${
    session.unsaved ? ' · <span class="wb-unsaved">unsaved changes</span>' : ''
  }</p>
  <div class="wb-actions">
    <button type="button" data-action="annotate-selection">Annotate selection</button>
    <button type="button" data-action="save"${session.unsaved ? '' : ' disabled'}>Save</button>
    ${
      status === 'complete'
        ? '<button type="button" data-action="status" data-status="draft">Back to draft</button>'
        : `<button type="button" data-action="status" data-status="complete"${ready ? '' : ' disabled'} title="every sentence covered, no suggestion left, no problem">Mark complete</button>`
    }
  </div>
  <div id="wb-message" role="status" aria-live="polite"></div>
  ${renderChecks(ws, state)}
  ${renderForm(ws)}
  ${renderSuggestions(ws, state)}
  ${renderEntries(state)}
  ${renderSentences(state)}
</section>`;
}

function renderChecks(ws: Workspace, state: DocumentState): string {
  const items = sortProblems(state.problems).map((p) => `<li>${esc(formatProblem(p))}</li>`);
  const elsewhere = state.otherProblems + ws.vocabularyProblems.length;
  const others = elsewhere
    ? `<p class="muted">${elsewhere} problem${elsewhere === 1 ? '' : 's'} in other files (the original of a translation, the vocabulary): make validate shows them.</p>`
    : '';
  return `<details class="wb-checks" id="wb-checks"${items.length ? ' open' : ''}>
    <summary>Checks of the build: ${items.length ? `${items.length} problem${items.length === 1 ? '' : 's'}` : 'anchors, vocabulary and coverage pass'}</summary>
    ${items.length ? `<ul class="wb-problems">${items.join('\n')}</ul>` : ''}${others}
  </details>`;
}

const option = (value: string, label: string) => `<option${attr('value', value)}>${esc(label)}</option>`;
const select = (name: string, values: string[], blank: string | null) =>
  `<select name="${name}">${blank !== null ? option('', blank) : ''}${values.map((v) => option(v, v)).join('')}</select>`;

/** The form that codes a selection, accepts a suggestion or edits an annotation; hidden until one of these starts. */
function renderForm(ws: Workspace): string {
  const codebook: CodebookFile = ws.codebook;
  const groups = codebook.categories
    .map((cat) => {
      const codes = codebook.codes.filter((c) => c.category === cat.id);
      if (!codes.length) return '';
      const items = codes
        .map(
          (c) =>
            `<label class="wb-code"><input type="checkbox" name="codes"${attr('value', c.id)}> ${esc(c.label)} <code>${esc(c.id)}</code><small>${esc(c.definition)}</small></label>`,
        )
        .join('\n');
      return `<details class="wb-category"${attr('data-category', cat.id)}><summary>${esc(cat.label)}</summary><p class="muted">${esc(cat.definition)}</p>${items}</details>`;
    })
    .join('\n');
  const enums = claimEnums();
  const events = ws.events
    .map((e) => option(e.id, `${e.label} (${e.date_start}${e.date_end !== e.date_start ? ` – ${e.date_end}` : ''})`))
    .join('');
  const entities = ws.entities.map((e) => option(e.id, `${e.name} (${e.type})`)).join('');
  return `<form id="wb-form" class="wb-form" hidden>
    <h3 id="wb-form-title">Annotate</h3>
    <blockquote id="wb-quote"></blockquote>
    <fieldset class="wb-kinds"><legend>What to add</legend>
      ${['code', 'claim', 'event', 'mention', 'uncoded'].map((k) => `<label><input type="checkbox" name="kind"${attr('value', k)}> ${k}</label>`).join(' ')}
    </fieldset>
    <fieldset data-kind="code"><legend>Codes, by category</legend>${groups}</fieldset>
    <fieldset data-kind="claim"><legend>Claim</legend>
      <label>Quantity <select name="quantity">${option('', 'choose')}${codebook.quantities.map((q) => option(q.id, q.id)).join('')}</select></label>
      <label>Value <input name="value" type="number" step="any"></label>
      <label>Low <input name="low" type="number" step="any"></label> <label>High <input name="high" type="number" step="any"></label>
      <label>Vague word <input name="vague"></label>
      <label>Unit <input name="unit" list="wb-units"></label>
      <datalist id="wb-units">${['people', 'countries', 'strikes', 'days', 'months', 'years', 'percent', 'ratio', 'rank', 'KZT/litre', 'USD/month', 'bcm'].map((u) => option(u, u)).join('')}</datalist>
      <label>Qualifier ${select('qualifier', enums.qualifier ?? [], null)}</label>
      <label>Attributed to ${select('attributed_to', enums.attributed_to ?? [], null)}</label>
      <label>Source entity <select name="source_entity">${option('', 'none')}${entities}</select></label>
      <label>Stance ${select('stance', enums.stance ?? [], null)}</label>
      <label>Event counted <select name="claim_event">${option('', 'none')}${events}</select></label>
    </fieldset>
    <fieldset data-kind="event"><legend>Event reference</legend>
      <label>Event <select name="event">${option('', 'choose')}${events}</select></label>
      <label>Date as written <input name="date_stated"></label>
    </fieldset>
    <fieldset data-kind="mention"><legend>Entity mention</legend>
      <label>Entity <select name="entity">${option('', 'choose')}${entities}</select></label>
    </fieldset>
    <fieldset data-kind="uncoded"><legend>Left uncoded</legend>
      <label>Reason <input name="uncoded" placeholder="e.g. Byline; says nothing about the events."></label>
    </fieldset>
    <label class="wb-note">Note <input name="note"></label>
    <div class="wb-actions"><button type="submit">Add</button> <button type="button" data-action="cancel">Cancel</button></div>
  </form>`;
}

function renderSuggestions(ws: Workspace, state: DocumentState): string {
  if (!state.suggestions.length) return '';
  const label = (id: string) => ws.vocabulary.codes.get(id)?.label ?? id;
  const items = state.suggestions.map((s) => {
    const proposes = [
      s.codes?.length ? `codes: ${s.codes.map(label).join(', ')}` : '',
      s.claim
        ? `claim: ${[s.claim.value, s.claim.vague, s.claim.low !== undefined ? `${s.claim.low}–${s.claim.high}` : undefined].filter((x) => x !== undefined).join(' ')}`
        : '',
      s.event ? `event: ${s.event}` : '',
      s.events?.length ? `events: ${s.events.join(', ')}` : '',
      s.entity ? `entity: ${s.entity}` : '',
    ].filter(Boolean);
    return `<li${attr('data-suggestion', s.id)}${attr('data-start', s.start_cp)}${attr('data-end', s.end_cp)}>
      <span class="muted">${esc(s.id)} · sentence ${s.sentence}</span> “${esc(s.quote)}”
      <div>${esc(proposes.join('; '))}</div><div class="muted">${esc(s.why)}</div>
      <button type="button" data-action="accept"${attr('data-id', s.id)}>Accept…</button>
      <button type="button" data-action="reject"${attr('data-id', s.id)}>Reject</button>
    </li>`;
  });
  return `<details class="wb-list" id="wb-suggestions" open><summary>Suggestions (${state.suggestions.length})</summary><ol>${items.join('\n')}</ol></details>`;
}

function entrySummary(e: DocumentState['entries'][number]): string {
  return [
    e.codes?.join(', '),
    e.uncoded !== undefined ? `uncoded: ${e.uncoded}` : undefined,
    e.event ? `event ${e.event}${e.date_stated ? ` (“${e.date_stated}”)` : ''}` : undefined,
    e.claim
      ? `claim ${e.claim.quantity}: ${e.claim.value ?? e.claim.vague ?? `${e.claim.low}–${e.claim.high}`} ${e.claim.unit}`
      : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

function renderEntries(state: DocumentState): string {
  const items = state.entries.map(
    (e) => `<li${attr('data-entry', e.id)}><code>${esc(e.id)}</code> “${esc(e.quote)}” <span class="muted">${esc(entrySummary(e))}</span>
      <button type="button" data-action="edit"${attr('data-id', e.id)}>Edit…</button>
      <button type="button" data-action="remove"${attr('data-id', e.id)}>Remove</button></li>`,
  );
  const mentions = state.addedMentions!.map(
    (m, i) =>
      `<li><code>mention</code> “${esc(m.quote)}” → ${esc(m.entity)} <button type="button" data-action="remove-mention"${attr('data-index', i)}>Remove</button></li>`,
  );
  return `<details class="wb-list" id="wb-entries"><summary>Annotations (${state.entries.length})${mentions.length ? ` and added mentions (${mentions.length})` : ''}</summary><ol>${[...items, ...mentions].join('\n')}</ol></details>`;
}

function renderSentences(state: DocumentState): string {
  const mark = { coded: '✓ coded', uncoded: '○ uncoded', none: '· not covered' };
  const items = state.sentences.map(
    (s) =>
      `<li class="wb-sentence ${s.state}"${attr('data-sentence', s.n)}${attr('data-text', s.text)}><a href="#p${s.paragraph_n}">${s.n}</a> <span class="wb-state">${mark[s.state]}</span> ${esc(s.text.length > 90 ? `${s.text.slice(0, 89)}…` : s.text)}${
        s.state === 'none'
          ? ` <button type="button" data-action="uncoded"${attr('data-start', s.start_cp)}${attr('data-end', s.end_cp)}>Mark uncoded…</button>`
          : ''
      }</li>`,
  );
  const open = state.sentences.filter((s) => s.state === 'none').length;
  return `<details class="wb-list" id="wb-sentences"${open ? ' open' : ''}><summary>Sentences (${open} not covered)</summary><ol>${items.join('\n')}</ol></details>`;
}
