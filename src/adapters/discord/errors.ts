// Errors as they may be written to the log. discord.js's REST errors carry the request URL
// and body: for an interaction, the URL holds its token (which lets anyone reply as the bot
// for 15 minutes) and the body echoes what was being sent. Neither belongs in a log.
import { stdSerializers } from 'pino';

const TOKEN_IN_PATH = /(\/(?:interactions\/\d+|webhooks\/\d+)\/)[^/?#]+/g;

export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized: Record<string, unknown> = { ...stdSerializers.err(error) };
  delete serialized.requestBody;
  delete serialized.rawError;
  if (typeof serialized.url === 'string') serialized.url = serialized.url.replace(TOKEN_IN_PATH, '$1[redacted]');
  return serialized;
}
