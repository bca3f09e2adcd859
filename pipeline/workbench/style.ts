// Styles of the workbench page (assets/workbench.css, after the reader's): the panel beside the
// text, the form, and the states of sentences, suggestions and messages.
export const workbenchCss = `
.workbench .reader-grid { grid-template-columns: minmax(0, 1fr) 27rem; }
.workbench .side { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
.wb-panel { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin-bottom: 1rem; background: #fbfbfc; font-size: .9rem; }
.wb-panel h2 { font-size: 1.05rem; margin: 0 0 .3rem; border: 0; }
.wb-panel h2 code { font-size: .8rem; font-weight: 400; }
.wb-summary { margin: .2rem 0 .5rem; }
.wb-unsaved { color: #a15c00; font-weight: 700; }
.wb-actions { display: flex; flex-wrap: wrap; gap: .4rem; margin: .4rem 0; }
.wb-panel button { font: inherit; font-size: .85rem; padding: .15rem .55rem; border: 1px solid #8a96a3; border-radius: 4px; background: #fff; cursor: pointer; }
.wb-panel button:disabled { opacity: .5; cursor: default; }
.wb-panel button[type=submit], .wb-panel button[data-action=save]:not(:disabled) { background: var(--accent); border-color: var(--accent); color: #fff; }
#wb-message:empty { display: none; }
#wb-message { padding: .4rem .6rem; border-radius: 4px; margin: .4rem 0; white-space: pre-wrap; }
#wb-message.error { background: #fdecea; border: 1px solid #d93025; }
#wb-message.ok { background: #eef6ee; border: 1px solid #2e7d32; }
#wb-message pre { font-size: .8rem; white-space: pre-wrap; margin: .3rem 0 0; }
.wb-checks summary, .wb-list summary { font-weight: 700; cursor: pointer; margin: .3rem 0; }
.wb-problems { padding-left: 1.1rem; font-family: var(--mono, monospace); font-size: .78rem; color: #b3261e; }
.wb-list ol { padding-left: 1.3rem; margin: .2rem 0; }
.wb-list li { margin: .35rem 0; }
.wb-sentence.none .wb-state { color: #b3261e; font-weight: 700; }
.wb-sentence.coded .wb-state { color: #2e7d32; }
.wb-sentence.uncoded .wb-state { color: var(--muted); }
.wb-form { border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: .4rem 0; margin: .5rem 0; }
.wb-form h3 { margin: .2rem 0; font-size: 1rem; }
.wb-form blockquote { margin: .3rem 0; padding: .3rem .5rem; background: #fff4d6; border-left: 3px solid #e0b000; font-size: .9rem; }
.wb-form fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .4rem 0; padding: .3rem .5rem; }
.wb-form fieldset[data-kind] label { display: block; margin: .2rem 0; }
.wb-form fieldset.wb-kinds label { margin-right: .6rem; }
.wb-form input:not([type]), .wb-form input[type=number], .wb-form select { font: inherit; font-size: .85rem; max-width: 100%; }
.wb-code small { display: block; color: var(--muted); margin-left: 1.4rem; font-size: .78rem; }
.wb-category summary { cursor: pointer; font-weight: 600; }
.wb-category[data-selected] summary::after { content: " ●"; color: var(--accent); }
.wb-note { display: block; margin: .3rem 0; }
.r6o-annotatable .wb-pending { background: rgba(255, 196, 0, .35); }
`.trim();
