// Just enough of a Dockerfile and .dockerignore reader for CI to check, without Docker,
// what the image would be built from and what it would run.
import path from 'node:path';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, with continuation lines joined. */
  text: string;
  /** --name=value options (--from, --chown, --interval...). */
  flags: Record<string, string>;
  /** The words after the options; for exec form (["a", "b"]) the array's items. */
  words: string[];
  line: number;
}

export interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i]!.trim();
    if (!logical || logical.startsWith('#')) continue;
    // A trailing backslash continues the instruction; comment lines inside it are dropped.
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      const next = lines[++i]!.trim();
      logical = `${logical.slice(0, -1).trimEnd()} ${next.startsWith('#') ? '' : next}`.trimEnd();
    }
    const match = /^(\S+)\s*([\s\S]*)$/.exec(logical)!;
    const keyword = match[1]!.toUpperCase();
    const instruction = { keyword, text: match[2]!, line: start + 1, ...words(match[2]!) };
    if (keyword === 'FROM') {
      const [image, as, name] = instruction.words;
      stages.push({ image: image ?? '', name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`line ${start + 1}: ${keyword} before any FROM`);
    stage.instructions.push(instruction);
  }
  return stages;
}

function words(text: string): { flags: Record<string, string>; words: string[] } {
  const flags: Record<string, string> = {};
  let rest = text.trim();
  for (let flag = /^--([\w-]+)=(\S+)\s*/.exec(rest); flag; flag = /^--([\w-]+)=(\S+)\s*/.exec(rest)) {
    flags[flag[1]!] = flag[2]!;
    rest = rest.slice(flag[0].length);
  }
  // HEALTHCHECK's options are followed by its own CMD.
  const healthCmd = /^CMD\s+([\s\S]*)$/i.exec(rest);
  if (healthCmd) rest = healthCmd[1]!;
  if (rest.startsWith('[')) return { flags, words: JSON.parse(rest) as string[] };
  return { flags, words: rest.split(/\s+/).filter(Boolean) };
}

/** The instructions of a stage with this keyword. */
export function all(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** ENV instructions as a map, both the `A=b C=d` and the `A b` forms. */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of all(stage, 'ENV')) {
    if (instruction.words[0]?.includes('=')) {
      for (const pair of instruction.words) {
        const at = pair.indexOf('=');
        env[pair.slice(0, at)] = pair.slice(at + 1);
      }
    } else if (instruction.words[0]) {
      env[instruction.words[0]] = instruction.words.slice(1).join(' ');
    }
  }
  return env;
}

/** The stage's working directory after its last WORKDIR ("/" if none). */
export function workdirOf(stage: Stage): string {
  return all(stage, 'WORKDIR').reduce((dir, w) => path.posix.resolve(dir, w.words[0] ?? '.'), '/');
}

/** npm scripts a RUN, CMD or HEALTHCHECK names with `npm run X` (or `npm run-script X`). */
export function npmScriptsNamed(stages: readonly Stage[]): string[] {
  const commands = stages.flatMap((s) => s.instructions.filter((i) => ['RUN', 'CMD', 'HEALTHCHECK'].includes(i.keyword)).map((i) => i.words.join(' ')));
  return commands.flatMap((c) => [...c.matchAll(/\bnpm\s+(?:run|run-script)\s+(?:--?\S+\s+)*([\w:.-]+)/g)].map((m) => m[1]!));
}

/**
 * A .dockerignore as a predicate on context-relative paths: later lines win, "!" re-includes,
 * "*" stays within a folder and "**" crosses folders; a folder excluded excludes its contents.
 */
export function dockerignore(text: string): (file: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const include = l.startsWith('!');
      const pattern = path.posix.normalize((include ? l.slice(1) : l).replace(/^\/+/, ''));
      const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*');
      return { include, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (file) => {
    const normal = path.posix.normalize(file);
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(normal)) ignored = !rule.include;
    return ignored;
  };
}
