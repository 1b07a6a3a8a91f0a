// Reads a Slack message (from an ack, a response_url post or a Web API call) the way a
// person would: its texts in order, and the ids of its buttons.

interface Element {
  type?: string;
  text?: string | { text?: string };
  action_id?: string;
}
interface BlockLike {
  type?: string;
  text?: { text?: string };
  elements?: Element[];
}

export function blocksOf(message: unknown): BlockLike[] {
  const blocks = (message as { blocks?: unknown } | undefined)?.blocks;
  return Array.isArray(blocks) ? (blocks as BlockLike[]) : [];
}

export function textsOf(message: unknown): string[] {
  return blocksOf(message).flatMap((block) => {
    if (block.type === 'section') return [block.text?.text ?? ''];
    return (block.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? '')));
  });
}

export function buttonIds(message: unknown): string[] {
  return blocksOf(message).flatMap((block) => (block.type === 'actions' ? (block.elements ?? []).map((e) => e.action_id ?? '') : []));
}
