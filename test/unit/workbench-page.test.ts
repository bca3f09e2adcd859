import { describe, expect, it } from 'vitest';
import type { DocumentState } from '../../pipeline/workbench/check.js';
import { readyToComplete } from '../../pipeline/workbench/page.js';

const sentence = (n: number, state: DocumentState['sentences'][number]['state']) => ({
  n,
  paragraph_n: 1,
  start_cp: 0,
  end_cp: 1,
  text: 's',
  state,
});
const base = {
  problems: [],
  suggestions: [],
  sentences: [sentence(1, 'coded'), sentence(2, 'uncoded')],
} as unknown as DocumentState;

describe('readyToComplete', () => {
  it('is true only when every sentence is covered, no suggestion is left and nothing is wrong', () => {
    expect(readyToComplete(base)).toBe(true);
    expect(readyToComplete({ ...base, sentences: [...base.sentences, sentence(3, 'none')] })).toBe(false);
    expect(readyToComplete({ ...base, suggestions: [{ id: 's1' }] } as unknown as DocumentState)).toBe(false);
    expect(readyToComplete({ ...base, problems: [{ code: 'annotation/anchor-not-found', file: 'f', message: 'm' }] })).toBe(false);
  });
});
