// Reads one YAML file into plain data, keeping enough of the parse to say which line a
// field is on when validation later finds a problem with it.
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { Problem } from './problems.js';

/** Past this, a knowledge file is almost certainly a mistake (a pasted dump, a log). */
export const MAX_FILE_BYTES = 1_000_000;

export interface ParsedYaml {
  data: unknown;
  /** The line (1-based) of the value at a path, or of its nearest ancestor that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export type YamlResult = { ok: true; value: ParsedYaml } | { ok: false; problems: Problem[] };

export function parseYaml(file: string, text: string): YamlResult {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    return fail(file, `is larger than ${MAX_FILE_BYTES.toLocaleString('en')} bytes; split it into smaller files`);
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: doc.errors.map((error) => ({
          code: 'yaml-syntax' as const,
          severity: 'error' as const,
          file,
          line: error.linePos?.[0]?.line,
          message: `is not valid YAML: ${firstLine(error.message)}`,
        })),
      };
    }
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // Pathological input (alias bombs, nesting deep enough to exhaust the stack) lands here.
    return fail(file, `could not be read as YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { ok: true, value: { data, lineOf } };
}

function fail(file: string, message: string): YamlResult {
  return { ok: false, problems: [{ code: 'yaml-syntax', severity: 'error', file, message }] };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
