// Styles of the reader pages (assets/reader.css, after site.css). Ten category colours, light
// enough to read black text on; a second category shows as an underline in its stronger tone.
// Tooltips are CSS: the mark's title on keyboard focus without JavaScript, and data-tip (moved
// there from title by reader.js, so the browser's own tooltip does not double it) on hover and focus.
const palette = [
  ['#fde3a7', '#c98a00'],
  ['#c8e6c9', '#2e7d32'],
  ['#bbdefb', '#1565c0'],
  ['#f8c8dc', '#ad1457'],
  ['#dcd0f0', '#5e35b1'],
  ['#ffd3c2', '#d84315'],
  ['#b9ecf2', '#00838f'],
  ['#e6ee9c', '#827717'],
  ['#e0d4cf', '#5d4037'],
  ['#d5dde2', '#455a64'],
];

const categories = palette
  .map(([bg, strong], i) =>
    [
      `.cat-${i} { --c: ${bg}; --cs: ${strong}; }`,
      `mark.also-cat-${i} { box-shadow: inset 0 -.2em 0 ${strong}; }`,
      `.swatch.cat-${i} { background: ${bg}; border-color: ${strong}; }`,
    ].join('\n'),
  )
  .join('\n');

export const readerCss = `
.reader-main { max-width: 80rem; margin: 0 auto; padding: 0 1.25rem 4rem; }
.doc-head { margin-top: 1.5rem; }
.doc-title h1, h1.doc-title { font-size: 1.7rem; line-height: 1.25; margin: .5rem 0; }
.meta, .versions, .muted { color: var(--muted); }
.meta code { color: var(--text); }
.status { padding: .4rem .7rem; border-radius: 4px; margin: .5rem 0; }
.status.complete { background: #eef6ee; }
.status.draft { background: #fff4d6; border: 1px solid #e0b000; }
.reader-grid { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 2rem; align-items: start; }
.doc-text { font-size: 1.05rem; line-height: 1.75; max-width: 46rem; }
.doc-text .para { margin: 0 0 1rem; }
.doc-text h2.para { font-size: 1.25rem; border: 0; margin-top: 1.75rem; }
.kind-byline, .kind-dateline { color: var(--muted); font-style: italic; }
.kind-note, .kind-translator_note, .kind-footnote { font-size: .92rem; color: var(--muted); border-left: 3px solid var(--line); padding-left: .75rem; }
.kind-quote { border-left: 3px solid var(--line); padding-left: .75rem; font-style: italic; }
ul.list { padding-left: 1.5rem; }
.pnum { font-weight: 700; color: var(--muted); }
.align-link, .para-link { text-decoration: none; font-size: .85rem; }
mark.ann { position: relative; background: var(--c, #eee); color: inherit; border-radius: 2px; padding: .05em 0; }
mark.ann.many { outline: 1px dotted var(--cs, #999); }
mark.ann.projected { background: transparent; border-bottom: 2px dashed var(--cs, #999); }
mark.ann.uncoded { background: #eceff1; color: var(--muted); }
mark.ann:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
mark.ann:focus::after, mark.ann[data-tip]:hover::after {
  content: attr(title); position: absolute; left: 0; top: 100%; z-index: 5; width: max-content; max-width: min(26rem, 80vw);
  white-space: pre-line; background: #1d2327; color: #fff; font-size: .85rem; line-height: 1.4; font-style: normal; font-weight: 400;
  padding: .4rem .6rem; border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.3); pointer-events: none;
}
mark.ann[data-tip]:focus::after, mark.ann[data-tip]:hover::after { content: attr(data-tip); }
mark.ann.whole:has(mark.ann:hover)::after { display: none; }
mark.ann.whole { padding: 0; }
.claim { font-weight: 700; }
.claim-badge { display: inline-block; font-size: .75rem; line-height: 1.3; font-weight: 400; padding: 0 .35em; margin: 0 .2em; border-radius: 3px; background: #263238; color: #fff; text-decoration: none; vertical-align: .1em; }
a.mention, a.event-ref { color: inherit; text-decoration: underline; text-decoration-color: var(--accent); text-underline-offset: .2em; }
a.event-ref, span.event-ref { text-decoration-style: double; text-decoration-line: underline; text-decoration-color: #8e24aa; }
.flag { text-decoration: underline wavy #d32f2f; text-decoration-skip-ink: none; }
.flag-ref { color: #d32f2f; text-decoration: none; font-size: .8rem; vertical-align: super; }
.sample { padding: 0 .2em; }
.legend { position: sticky; top: 3.5rem; max-height: calc(100vh - 4.5rem); overflow-y: auto; font-size: .88rem; border-left: 1px solid var(--line); padding-left: 1rem; }
.legend h2 { font-size: 1.1rem; margin-top: 0; }
.legend h3 { font-size: .95rem; margin: .75rem 0 .25rem; display: flex; align-items: center; gap: .4rem; }
.legend dl { margin: 0; }
.legend dt { font-weight: 700; }
.legend dt code { font-weight: 400; font-size: .75rem; color: var(--muted); }
.legend dt .count { font-weight: 400; color: var(--muted); }
.legend dd { margin: 0 0 .4rem; color: var(--muted); }
.legend dd .rule { display: block; font-size: .85rem; margin-top: .15rem; }
.legend-notes { padding-left: 0; list-style: none; }
.legend-notes li { margin: .25rem 0; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; border: 1px solid transparent; vertical-align: -.1em; margin-right: .3rem; }
.swatch.uncoded { background: #eceff1; border-color: #90a4ae; }
.swatch.projected { border: 0; border-bottom: 2px dashed #555; border-radius: 0; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .75rem 0; padding: .5rem .75rem; background: var(--bg-soft); border-radius: 4px; }
.filters select, .filters button { font: inherit; max-width: 16rem; }
.filtering mark.ann:not(.hit) { background: transparent; border-bottom: 0; box-shadow: none; outline: 0; }
.filtering .hit { outline: 2px solid #d32f2f; outline-offset: 1px; }
.refs li { margin: .3rem 0; }
.scroll { overflow-x: auto; }
table.claims, table.aligned { border-collapse: collapse; font-size: .9rem; }
table.claims th, table.claims td, table.aligned th, table.aligned td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
table.aligned td { min-width: 11rem; }
table.aligned td.differs { box-shadow: inset 4px 0 0 #e65100; }
.diffs { margin: .5rem 0 0; padding-left: 1rem; font-size: .8rem; color: #8d3b00; }
.missing { color: var(--muted); font-style: italic; }
tr:target, .para:target, li:target { background: #fff8c4; }
table.corpus td, table.corpus th { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; }
${categories}
@media (max-width: 60rem) {
  .reader-grid { grid-template-columns: minmax(0, 1fr); }
  .legend { position: static; max-height: none; border-left: 0; padding-left: 0; border-top: 1px solid var(--line); }
}
@media (max-width: 40rem) {
  .reader-main { padding: 0 .75rem 3rem; }
  .doc-text { font-size: 1rem; }
  table.aligned, table.aligned tbody, table.aligned tr, table.aligned td, table.aligned th { display: block; }
  table.aligned thead { display: none; }
  table.aligned td::before { content: attr(data-lang); font-weight: 700; display: block; color: var(--muted); }
  header.site nav { gap: .75rem; }
}
`.trimStart();
