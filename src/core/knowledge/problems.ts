// A problem found in the knowledge files, precise enough for a curator to fix it without
// hunting: the file, the line where it can be known, the field, and what is wrong.

export type ProblemCode =
  | 'unreadable'
  | 'yaml-syntax'
  | 'schema'
  | 'duplicate-id'
  | 'unknown-source'
  | 'paragraph-out-of-range'
  | 'quote-not-verbatim'
  | 'unknown-related'
  | 'duplicate-phrasing'
  | 'self-test-collision'
  | 'source-date-mismatch'
  | 'unattributed-quotation'
  | 'no-entries'
  | 'form-not-shown';

export interface Problem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  /** Dotted path inside the file, e.g. "[3].citations[0].quote". */
  field?: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.field ? ` ${problem.field}:` : '';
  return `${problem.severity === 'error' ? 'error' : 'warning'} ${where}${field} ${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}
