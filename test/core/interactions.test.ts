import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, type Action } from '../../src/core/conversation/interactions.js';

describe('actions under an answer', () => {
  it.each<Action>([
    { type: 'vote', helpful: true, entryId: 'who-is-tommy-robinson' },
    { type: 'vote', helpful: false, entryId: 'x' },
    { type: 'pick', entryId: 'musk-accuses-starmer' },
    { type: 'share', replyId: '0123456789abcdef' },
    { type: 'why', replyId: 'fedcba9876543210' },
    { type: 'follow-up', replyId: '00000000ffffffff' },
  ])('survive a round trip through a custom id: %j', (action) => {
    const id = encodeAction(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeAction(id)).toEqual(action);
  });

  it.each([undefined, 42, '', 'sb', 'sb:vote:maybe:x', 'sb:pick:Not_An_Id', 'xx:pick:a', 'sb:pick:a:b', 'sb:vote:up', `sb:pick:${'a'.repeat(120)}`, 'sb:delete:all', 'sb:share:what-is-edl', 'sb:why:0123456789ABCDEF', 'sb:why:0123456789abcdef:x', 'sb:follow-up:who is he'])(
    'reads %j as nothing',
    (customId) => {
      expect(decodeAction(customId)).toBeNull();
    },
  );
});
