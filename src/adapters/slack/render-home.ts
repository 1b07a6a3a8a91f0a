// The App Home tab as Block Kit: what StoryBot does, the story and its date, how to ask, ten
// questions to try, and for admins the last load and the gap counts.
import type { Home } from '../../core/conversation/home.js';
import { describeSource } from '../../core/wording/describe.js';
import { relativeTime } from '../../core/wording/format.js';
import { MESSAGES } from '../../core/wording/messages.js';
import type { Block } from './blocks.js';
import { section } from './blocks.js';
import { escapeMrkdwn } from './markup.js';

export function renderHome(home: Home, now = new Date()): { type: 'home'; blocks: Block[] } {
  const list = (items: readonly string[]) => items.map((i) => `• ${escapeMrkdwn(i)}`).join('\n');
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: MESSAGES.homeTitle } },
    section(escapeMrkdwn(MESSAGES.homeIntro)),
    section(escapeMrkdwn([...home.about.sources.map(describeSource), MESSAGES.aboutCounts(home.about.entries, home.about.drafts)].join(' '))),
    section(`*${escapeMrkdwn(MESSAGES.homeHowTitle)}*\n${list(MESSAGES.homeHow)}`),
    section(`*${escapeMrkdwn(MESSAGES.homeExamplesTitle)}*\n${list(home.examples.map((e) => e.question))}`),
  ];
  if (home.admin) {
    const { gaps } = home.admin;
    const lines = [MESSAGES.homeLoaded(relativeTime(home.admin.loadedAt, now)), gaps ? MESSAGES.homeGaps(gaps.declined, gaps.unhelpful, gaps.neverMatched) : MESSAGES.homeGapsUnavailable];
    blocks.push({ type: 'divider' }, section(`*${escapeMrkdwn(MESSAGES.homeAdminTitle)}*\n${list(lines)}`));
  }
  return { type: 'home', blocks };
}
