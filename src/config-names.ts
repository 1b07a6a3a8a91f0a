// A setting with a misspelt name (DISCORD_TOKN) is not an error to the schema, which reads
// only the names it knows: the bot would start as if it were not set. Names close to one
// StoryBot reads are warned about at start, with the name meant; never with the value,
// which may be a secret.
import { CONFIG_VARIABLES } from './config.js';
import { editDistance } from './core/search/edit-distance.js';

/** "DISCORD_TOKN is not a StoryBot setting; did you mean DISCORD_TOKEN?" for each such name. */
export function unknownSettings(env: NodeJS.ProcessEnv): string[] {
  const known = new Set(CONFIG_VARIABLES);
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    if (known.has(name) || name.length < 6) continue;
    const upper = name.toUpperCase();
    const max = upper.length < 10 ? 1 : 2;
    const meant = CONFIG_VARIABLES.find((v) => v === upper) ?? CONFIG_VARIABLES.find((v) => editDistance(upper, v, max) <= max);
    if (meant) warnings.push(`${name} is not a StoryBot setting, so it is ignored; did you mean ${meant}?`);
  }
  return warnings;
}

export function warnUnknownSettings(env: NodeJS.ProcessEnv, stderr: { write(text: string): unknown } = process.stderr): void {
  for (const warning of unknownSettings(env)) stderr.write(`Warning: ${warning}\n`);
}
