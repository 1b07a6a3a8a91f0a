// Block Kit building blocks that respect Slack's limits by trimming: a message Slack would
// reject is an answer nobody sees, so an over-long text is clipped and extra blocks dropped.
import type { types } from '@slack/bolt';
import { encodeAction, subjectOf, type Action } from '../../core/conversation/interactions.js';
import { clip, escapeMrkdwn } from './markup.js';

export type Block = types.KnownBlock;
export type Button = types.Button;

export const BLOCK_KIT_LIMITS = Object.freeze({
  /** Characters in a section's or a context element's text. */
  text: 3000,
  /** Blocks in one message. */
  blocks: 50,
  /** Characters of a button's label. */
  buttonLabel: 75,
  /** Buttons in one actions block. */
  buttons: 25,
  /** The notification text shown where blocks cannot be. */
  fallback: 3000,
});

export interface SlackMessage {
  /** Shown in notifications and by clients that cannot show blocks; escaped like the blocks. */
  text: string;
  blocks: Block[];
}

// verbatim: Slack must not turn words into links or mentions on its own; the only markup
// in these texts is what this adapter wrote.
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, BLOCK_KIT_LIMITS.text), verbatim: true };
}

/** A section of mrkdwn that is already escaped. */
export function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function context(...texts: string[]): types.ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

/** A button whose id carries its meaning, so the press can be understood with no state. */
export function button(label: string, action: Action, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(escapeMrkdwn(label), BLOCK_KIT_LIMITS.buttonLabel), emoji: true },
    action_id: encodeAction(action),
    value: subjectOf(action),
    ...(style ? { style } : {}),
  };
}

export function actions(buttons: Button[]): types.ActionsBlock {
  return { type: 'actions', elements: buttons.slice(0, BLOCK_KIT_LIMITS.buttons) };
}

/** Text-only message, for notices: the text is escaped here. */
export function notice(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return message(escaped, [section(escaped)]);
}

/** Assembles a message, keeping the last block (the buttons) if there are too many. */
export function message(fallback: string, blocks: Block[]): SlackMessage {
  const max = BLOCK_KIT_LIMITS.blocks;
  const kept = blocks.length > max ? [...blocks.slice(0, max - 1), blocks[blocks.length - 1]!] : blocks;
  return { text: clip(fallback, BLOCK_KIT_LIMITS.fallback), blocks: kept };
}
