// The knowledge files a base may do without: the story's aliases, the reviewed list of who
// says what (knowledge/quotations.yaml) and the fitted confidence models
// (knowledge/calibration/model.json). Absent, each is empty or the engine's default.
import type { Calibration } from '../search/config.js';
import { formatPath, type Problem } from './problems.js';
import { exists, idOf, readBounded, readParsed, reason } from './read-file.js';
import { aliasesFileSchema, calibrationSchema, statementSchema } from './schema.js';
import type { AliasGroup, Statement } from './types.js';
import { validateFields } from './validate-fields.js';

export async function readAliases(file: string, display: (f: string) => string, problems: Problem[]): Promise<AliasGroup[]> {
  const shown = display(file);
  // The aliases file is optional: a knowledge base can start without any.
  if (!(await exists(file))) return [];
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return [];
  const checked = validateFields(aliasesFileSchema, parsed.data ?? [], [], shown, parsed, problems);
  return checked.value ?? checked.repaired ?? [];
}


export async function readStatements(file: string, display: (f: string) => string, problems: Problem[]): Promise<Statement[]> {
  const shown = display(file);
  // Without it, quote checks still find phrases in the story but name no speakers.
  if (!(await exists(file))) return [];
  const parsed = await readParsed(file, shown, problems);
  if (!parsed) return [];
  if (parsed.data === null || parsed.data === undefined) return [];
  if (!Array.isArray(parsed.data)) {
    problems.push({ code: 'schema', severity: 'error', file: shown, line: 1, message: 'must be a YAML list of statements (each starting with "- id:")' });
    return [];
  }
  return parsed.data.flatMap((raw, index): Statement[] => {
    const checked = validateFields(statementSchema, raw, [index], shown, parsed, problems, idOf(raw));
    const statement = checked.value ?? checked.repaired;
    return statement ? [{ ...statement, origin: { file: shown, line: parsed.lineOf([index]) } }] : [];
  });
}

/** Written by `npm run calibrate`; absent, the engine uses its built-in defaults. */
export const CALIBRATION_FILE = 'model.json';

export async function readCalibration(file: string, display: (f: string) => string, problems: Problem[]): Promise<Calibration | undefined> {
  const shown = display(file);
  if (!(await exists(file))) return undefined;
  let data: unknown;
  try {
    data = JSON.parse((await readBounded(file)) ?? 'null');
  } catch (error) {
    problems.push({ code: 'unreadable', severity: 'error', file: shown, message: `is not valid JSON (${reason(error)}); run npm run calibrate to write it again` });
    return undefined;
  }
  const parsed = calibrationSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  // An engine upgrade can change the features the models weigh: fitting them again fixes it.
  for (const issue of parsed.error.issues) {
    problems.push({ code: 'schema', severity: 'error', file: shown, field: formatPath(issue.path) || undefined, message: `${issue.message}; run npm run calibrate to fit the models again` });
  }
  return undefined;
}
