// Reads one YAML file into plain data, keeping enough of the parse to say which line a
// field is on when validation later finds a problem with it.
import { Composer, LineCounter, Parser, YAMLParseError, isMap, isNode, isScalar, isSeq, type CST, type Document, type YAMLError } from 'yaml';
import type { Problem } from './problems.js';

/** Past this, a knowledge file is almost certainly a mistake (a pasted dump, a log). */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * Knowledge files nest four or five levels (a list of entries, their citations, each a
 * map). Deeper nesting is a mistake or an attack, and the YAML library composes it by
 * recursion: a few thousand levels can exhaust the stack, which Node may answer by
 * aborting the whole process rather than throwing.
 */
export const MAX_NESTING = 32;

export interface ParsedYaml {
  data: unknown;
  /**
   * The line (1-based) where a path is written: a field's key (not its value, which for a
   * list starts on the next line), a list item's start, or the nearest ancestor that exists.
   */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** `ids`: the entry ids the broken file appears to hold, read off its "id:" lines. */
export type YamlResult = { ok: true; value: ParsedYaml } | { ok: false; problems: Problem[]; ids?: string[] };

export function parseYaml(file: string, text: string): YamlResult {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    return fail(file, tooLargeMessage());
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  let data: unknown;
  try {
    // The concrete syntax tree comes first and without recursion, so the depth can be
    // checked before anything recursive sees it.
    const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
    if (nestedDeeperThan(tokens, MAX_NESTING)) {
      return fail(file, `nests lists or maps more than ${MAX_NESTING} levels deep; a knowledge file needs only a few`);
    }
    doc = oneDocument(tokens, text.length);
    if (doc.errors.length > 0) {
      return {
        ok: false,
        ids: idLines(text),
        problems: doc.errors.map((error) => {
          // An unclosed quotation runs to the end of the file, where the parser notices it;
          // the curator needs the line where it opens.
          const opened = error.code === 'MISSING_CHAR' ? unclosedQuotation(tokens) : undefined;
          if (opened) {
            const at = lineCounter.linePos(opened.offset);
            return { code: 'yaml-syntax' as const, severity: 'error' as const, file, line: at.line, message: `is not valid YAML: the ${opened.mark} quotation that opens here (column ${at.col}) is never closed` };
          }
          const at = positionOf(error, lineCounter);
          return { code: 'yaml-syntax' as const, severity: 'error' as const, file, line: at?.line, message: `is not valid YAML: ${firstLine(error.message)}${at ? ` (column ${at.col})` : ''}` };
        }),
      };
    }
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // Pathological input that gets past the checks above (alias bombs) lands here.
    return fail(file, `could not be read as YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth > 0; depth--) {
      const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1) as unknown[], true);
      const part = path[depth - 1];
      const at = isMap(parent)
        ? parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === part)?.key
        : isSeq(parent) && typeof part === 'number'
          ? parent.items[part]
          : undefined;
      if (isNode(at) && at.range) return lineCounter.linePos(at.range[0]).line;
    }
    return isNode(doc.contents) && doc.contents.range ? lineCounter.linePos(doc.contents.range[0]).line : undefined;
  };
  return { ok: true, value: { data, lineOf } };
}

/** The file's one document; a second one is an error, as a knowledge file is one list. */
function oneDocument(tokens: readonly CST.Token[], length: number): Document.Parsed {
  let first: Document.Parsed | undefined;
  for (const doc of new Composer({ uniqueKeys: true }).compose(tokens, true, length)) {
    if (!first) first = doc;
    else {
      first.errors.push(new YAMLParseError([doc.range[0], doc.range[1]], 'MULTIPLE_DOCS', 'holds more than one document (a line of --- starts another)'));
      break;
    }
  }
  return first!;
}

function nestedDeeperThan(tokens: readonly CST.Token[], max: number): boolean {
  const pending: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [token, depth] = next;
    if (token.type === 'document') {
      if (token.value) pending.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > max) return true;
      for (const item of token.items) {
        if ('key' in item && item.key) pending.push([item.key, depth + 1]);
        if (item.value) pending.push([item.value, depth + 1]);
      }
    }
  }
  return false;
}

/** A quoted scalar whose closing mark never comes: it then runs to the end of the file. */
function unclosedQuotation(tokens: readonly CST.Token[]): { offset: number; mark: string } | undefined {
  const pending: CST.Token[] = [...tokens];
  for (let token = pending.pop(); token; token = pending.pop()) {
    if (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') {
      const mark = token.type === 'double-quoted-scalar' ? '"' : "'";
      const source = token.source.trimEnd();
      if (source.length < 2 || !source.endsWith(mark)) return { offset: token.offset, mark: mark === '"' ? 'double' : 'single' };
    }
    if (token.type === 'document' && token.value) pending.push(token.value);
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        if ('key' in item && item.key) pending.push(item.key);
        if (item.value) pending.push(item.value);
      }
    }
  }
  return undefined;
}

/** The ids a file's "id:" lines name, for a file that cannot be parsed. */
function idLines(text: string): string[] {
  return [...text.matchAll(/^[ \t-]*id:[ \t]*["']?([A-Za-z0-9_-]+)/gm)].map((m) => m[1]!);
}

function positionOf(error: YAMLError, lineCounter: LineCounter): { line: number; col: number } | undefined {
  const offset = error.pos[0];
  return offset >= 0 ? lineCounter.linePos(offset) : undefined;
}

export function tooLargeMessage(): string {
  return `is larger than ${MAX_FILE_BYTES.toLocaleString('en')} bytes; split it into smaller files`;
}

function fail(file: string, message: string): YamlResult {
  return { ok: false, problems: [{ code: 'yaml-syntax', severity: 'error', file, message }] };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
