// The READY event the stand-in's gateway sends after IDENTIFY: the bot's user, its
// application, the session to resume, and the shard the connection serves.
export type Shard = [id: number, count: number];

export function readyEvent(o: { botUserId: string; applicationId: string; sessionId: string; resumeUrl: string; shard: Shard }): Record<string, unknown> {
  return {
    v: 10,
    user: { id: o.botUserId, username: 'StoryBot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
    guilds: [],
    session_id: o.sessionId,
    resume_gateway_url: o.resumeUrl,
    shard: o.shard,
    application: { id: o.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    user_settings: {},
  };
}
