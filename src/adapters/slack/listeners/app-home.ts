// Opening StoryBot's App Home tab publishes the page for that person: admins (SLACK_ADMIN_USERS)
// see the last load and the gap counts as well.
import { homeOf } from '../../../core/conversation/home.js';
import { renderHome } from '../render-home.js';
import type { ChatClient, SlackDeps } from './deps.js';

export interface AppHomeArgs {
  event: { user: string; tab?: string };
  client: ChatClient;
}

export async function onAppHomeOpened(deps: SlackDeps, { event, client }: AppHomeArgs): Promise<void> {
  // The Messages tab is where DMs are written; only the Home tab has a page to publish.
  if (event.tab !== undefined && event.tab !== 'home') return;
  if (!client.views) throw new Error('the Slack client has no views API');
  const home = await homeOf(deps.ctx, deps.admins.has(event.user));
  await client.views.publish({ user_id: event.user, view: renderHome(home) });
}
