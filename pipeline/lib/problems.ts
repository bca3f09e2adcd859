// Problems are expected failures of the input (bad YAML, a changed raw byte, an anchor that does
// not match). They are collected, never thrown one at a time, so a contributor sees every problem
// of a run together. Each has a stable code, a location and a hint that names the fix.

export interface Problem {
  code: string; // stable, e.g. 'sources/unknown-field'
  file: string; // repository-relative path
  line?: number; // 1-based
  column?: number; // 1-based, in code points
  message: string;
  hint?: string;
}

export function location(p: Pick<Problem, 'file' | 'line' | 'column'>): string {
  if (p.line === undefined) return p.file;
  return `${p.file}:${p.line}:${p.column ?? 1}`;
}

export function formatProblem(p: Problem): string {
  return [location(p), p.code, p.message, p.hint ? `hint: ${p.hint}` : ''].filter(Boolean).join('  ');
}

/** Stable order: by file, line, column, then code, so reports diff cleanly. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file, 'en') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code, 'en') ||
      a.message.localeCompare(b.message, 'en'),
  );
}

export function formatReport(problems: readonly Problem[]): string {
  const sorted = sortProblems(problems);
  const lines = sorted.map(formatProblem);
  lines.push(`${sorted.length} problem${sorted.length === 1 ? '' : 's'} found; nothing was published.`);
  return lines.join('\n');
}

/** Thrown by a stage when its input has problems; the CLI prints them without a stack trace. */
export class InputProblems extends Error {
  readonly problems: Problem[];
  constructor(problems: readonly Problem[]) {
    super(`${problems.length} input problem(s)`);
    this.name = 'InputProblems';
    this.problems = sortProblems(problems);
  }
}

/** Throws InputProblems when the list is not empty. */
export function failOn(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new InputProblems(problems);
}

/**
 * The exit status of a command that threw: 1 after `report` prints the input's problems (no stack
 * trace for bad input), 2 after one line for anything else, which is a bug; QANTAR_DEBUG=1 rethrows
 * it to show the stack.
 */
export function failureStatus(e: unknown, report: (problems: readonly Problem[]) => void): number {
  if (e instanceof InputProblems) {
    report(e.problems);
    return 1;
  }
  if (process.env.QANTAR_DEBUG) throw e;
  console.error(`internal error: ${(e as Error).message}\nthis is a bug in the pipeline; rerun with QANTAR_DEBUG=1 to see the stack trace`);
  return 2;
}
