import { describe, expect, it } from 'vitest';
import { anchor } from '../../pipeline/lib/anchor.js';
import { InputProblems } from '../../pipeline/lib/problems.js';
import { orderStages, runStages, type Stage } from '../../pipeline/runner.js';
import { closest } from '../../pipeline/lib/schemas.js';

describe('quote anchors', () => {
  const text = 'The uprising was started by industrial workers. The uprising spread.';

  it('finds a quote that occurs once', () => {
    expect(anchor(text, { exact: 'industrial workers' })).toEqual({ ok: true, start: 28, end: 46 });
  });

  it('uses prefix and suffix to decide between matches', () => {
    const r = anchor(text, { exact: 'uprising', prefix: 'The ', suffix: ' spread' });
    expect(r).toEqual({ ok: true, start: 52, end: 60 });
  });

  it('explains an ambiguous quote with a deciding suffix', () => {
    const r = anchor(text, { exact: 'The uprising' });
    expect(r).toMatchObject({ ok: false, code: 'anchor-ambiguous' });
    expect(!r.ok && r.hint).toMatch(/add (prefix|suffix): "/);
  });

  it('shows the closest passage of a quote not found', () => {
    const r = anchor(text, { exact: 'industrial wrkers' });
    expect(r).toMatchObject({ ok: false, code: 'anchor-not-found' });
    expect(!r.ok && r.hint).toMatch(/closest passage: "industrial workers/);
  });
});

describe('stage order', () => {
  const stage = (name: string, inputs: string[], outputs: string[]): Stage => ({
    name,
    description: name,
    inputs: () => inputs,
    outputs,
    run: async () => ({ summary: '' }),
  });

  it('runs a stage after the stages that write its inputs, whatever the list order', () => {
    const release = stage('release', ['b'], ['c']);
    const load = stage('load', ['a'], ['b']);
    const clean = stage('clean', ['raw'], ['a']);
    expect(orderStages([release, load, clean]).map((s) => s.name)).toEqual(['clean', 'load', 'release']);
  });

  it('refuses a cycle', () => {
    expect(() => orderStages([stage('x', ['b'], ['a']), stage('y', ['a'], ['b'])])).toThrow(/cycle/);
  });

  it('reports the problems of independent stages together, and skips the stages that depend on a failed one', async () => {
    const failing = (name: string, output: string): Stage => ({
      ...stage(name, ['raw'], [output]),
      run: async () => {
        throw new InputProblems([{ code: `${name}/bad`, file: `raw/${name}.yaml`, message: 'bad' }]);
      },
    });
    const dependent: Stage = {
      ...stage('load', ['flags-out'], ['db']),
      run: async () => {
        throw new Error('a stage whose input failed must not run');
      },
    };
    await expect(
      runStages([failing('flags', 'flags-out'), dependent, failing('annotate', 'annotate-out')], { force: true }),
    ).rejects.toMatchObject({
      problems: [{ code: 'annotate/bad' }, { code: 'flags/bad' }],
    });
  });
});

describe('suggestions', () => {
  it('suggests the field a typo meant', () => {
    expect(closest('sha', ['id', 'file', 'sha256'])).toBe('sha256');
    expect(closest('titel', ['title', 'url'])).toBe('title');
    expect(closest('zzzzzz', ['title', 'url'])).toBeUndefined();
  });
});
