// Every slash command, checked when loaded. Discord, Slack and the console all take their
// commands from here, so a command means the same everywhere.
import { checkCommands, type Command } from '../src/core/answering/command.js';
import { about } from './about.js';
import { ask } from './ask.js';
import { gaps } from './gaps.js';
import { reload } from './reload.js';

export const commands: readonly Command[] = Object.freeze(checkCommands([ask, reload, about, gaps]));

export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.data.name === name);
}
