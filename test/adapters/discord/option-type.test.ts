// A text option that came as something else is named plainly: what it must be and what it
// was, never "of type String, not String", and never the value sent (it may be anything).
import { describe, expect, it } from 'vitest';
import { OptionTypeError, ReceivedInteraction } from '../../../src/adapters/discord/interaction.js';

const command = (option: { name: string; type: number; value: unknown }) =>
  ReceivedInteraction.read({ id: '1', application_id: '2', type: 2, token: 't', user: { id: '3' }, data: { name: 'ask', options: [option] } })!;

describe('a /ask question option of the wrong type', () => {
  it.each<[string, { name: string; type: number; value: unknown }, string]>([
    ['declared as an integer', { name: 'question', type: 4, value: 42 }, 'option "question" must be text (String) but was sent as Integer'],
    ['declared as text with a number for a value', { name: 'question', type: 3, value: 42 }, 'option "question" is declared as text (String) but its value is a number'],
    ['declared as text with a list for a value', { name: 'question', type: 3, value: ['SECRET words'] }, 'option "question" is declared as text (String) but its value is a list'],
    ['of a type Discord does not have', { name: 'question', type: 99, value: 'x' }, 'option "question" must be text (String) but was sent as unknown type 99'],
  ])('is refused with a clear message when %s', (_, option, message) => {
    let thrown: unknown;
    try {
      command(option).stringOption('question');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OptionTypeError);
    expect((thrown as OptionTypeError).message).toBe(message);
    expect((thrown as OptionTypeError).option).toBe('question');
  });

  it('reads a text option that is text', () => {
    expect(command({ name: 'question', type: 3, value: 'Who is Jess Phillips?' }).stringOption('question')).toBe('Who is Jess Phillips?');
  });
});
