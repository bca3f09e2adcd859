// reader.js: what JavaScript adds to a reader page that works without it. Filters by code, entity
// and event (one at a time) mark the matching pieces and step through them; each mark's title
// moves to data-tip, so the CSS tooltip shows on hover and focus without the browser's own
// tooltip on top of it. No inline script: the page's CSP allows only this file.

const selectors: Record<string, string> = { code: 'data-code', entity: 'data-entity-id', event: 'data-event-id' };

function init(): void {
  tips();
  filters();
  document.body.dataset.readerReady = '1';
}

function tips(): void {
  for (const mark of document.querySelectorAll<HTMLElement>('mark.ann[title]')) {
    mark.dataset.tip = mark.title;
    mark.setAttribute('aria-description', mark.title);
    mark.removeAttribute('title');
  }
}

function filters(): void {
  const form = document.querySelector<HTMLFormElement>('form.filters');
  if (!form) return;
  form.hidden = false;
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const next = form.querySelector<HTMLButtonElement>('[data-next]')!;
  const output = form.querySelector<HTMLOutputElement>('output')!;
  let hits: HTMLElement[] = [];
  let at = -1;
  const apply = (changed: HTMLSelectElement) => {
    for (const s of selects) if (s !== changed) s.value = '';
    for (const h of hits) h.classList.remove('hit');
    const value = changed.value;
    const name = selectors[changed.dataset.filter ?? ''];
    hits =
      value && name
        ? [
            ...document.querySelectorAll<HTMLElement>(
              `#text [${name}~="${CSS.escape(value)}"], .doc-title [${name}~="${CSS.escape(value)}"]`,
            ),
          ]
        : [];
    for (const h of hits) h.classList.add('hit');
    document.body.classList.toggle('filtering', value !== '');
    document.body.dataset.matches = String(hits.length);
    output.textContent = value ? `${hits.length} match${hits.length === 1 ? '' : 'es'}` : '';
    next.disabled = hits.length === 0;
    at = -1;
  };
  for (const s of selects) s.addEventListener('change', () => apply(s));
  next.addEventListener('click', () => {
    if (!hits.length) return;
    at = (at + 1) % hits.length;
    const h = hits[at]!;
    h.scrollIntoView({ block: 'center' });
    if (h.tabIndex >= 0 || h instanceof HTMLAnchorElement) h.focus({ preventScroll: true });
    output.textContent = `${at + 1} of ${hits.length}`;
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
