// One way for every command-line tool to read its arguments: node:util's parseArgs, so
// "--limit 20" and "--limit=20" both work, plus the conventions a newcomer expects:
// --help (or -h) prints the usage on stdout and exits 0; anything not understood prints
// what was wrong and the usage on stderr and exits 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export const EXIT_USAGE = 2;

export interface CliSpec<O extends ParseArgsOptionsConfig> {
  /** The first line of the help, starting "usage:". */
  usage: string;
  /** What the tool does, a few lines under the usage. */
  about: readonly string[];
  options: O;
  /** One line per option, by its name, for the help. */
  help: { readonly [K in keyof O]: string };
  /** How many words besides the options the tool takes. */
  positionals?: { min?: number; max?: number; name?: string };
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export function helpText<O extends ParseArgsOptionsConfig>(spec: CliSpec<O>): string {
  const options = Object.entries(spec.options).map(([name, option]) => {
    const flag = `--${name}${option.type === 'string' ? '=VALUE' : ''}${option.short ? `, -${option.short}` : ''}`;
    return `  ${flag.padEnd(22)} ${spec.help[name as keyof O]}`;
  });
  return [spec.usage, '', ...spec.about, '', 'Options:', ...options, `  ${'--help, -h'.padEnd(22)} this help`].join('\n');
}

/** Ends the process the way a wrong call should: the reason and the usage, on stderr. */
export function usageError(spec: Pick<CliSpec<ParseArgsOptionsConfig>, 'usage'>, reason: string): never {
  process.stderr.write(`${reason}\n${spec.usage}\n(--help for more)\n`);
  process.exit(EXIT_USAGE);
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; allowPositionals: true; strict: true }>>;

export function parseCli<O extends ParseArgsOptionsConfig>(spec: CliSpec<O>, args: string[] = process.argv.slice(2)): { values: Omit<Parsed<O>['values'], 'help'>; positionals: string[] } {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options: { ...spec.options, ...HELP_OPTION }, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(spec, firstSentence((error as Error).message));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${helpText(spec)}\n`);
    process.exit(0);
  }
  const { min = 0, max = 0, name = 'argument' } = spec.positionals ?? {};
  if (parsed.positionals.length < min) usageError(spec, `Missing ${name}.`);
  if (parsed.positionals.length > max) usageError(spec, `Unexpected ${max === 0 ? 'argument' : 'extra argument'}: ${parsed.positionals[max]}`);
  const { help: _help, ...values } = parsed.values as Parsed<O>['values'] & { help?: boolean };
  return { values, positionals: parsed.positionals };
}

/** A whole number of at least `min`, or a usage error naming the option. */
export function wholeNumber(spec: Pick<CliSpec<ParseArgsOptionsConfig>, 'usage'>, option: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) usageError(spec, `--${option} must be a whole number of at least ${min}, not "${value}".`);
  return Number(value);
}

// parseArgs's messages end with advice about "--" that reads oddly through npm run.
function firstSentence(message: string): string {
  return message.split('. To specify')[0]!.replace(/\.?$/, '.');
}
