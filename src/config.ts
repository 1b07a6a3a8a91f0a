// Every setting of every part, read once from the environment (after dotenv) and checked
// with zod. A failure names each variable with what is wrong, all at once, and never the
// value: several of these are secrets.
import { z } from 'zod';

const flag = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'], error: 'must be true or false' });
const number = z.coerce.number({ error: 'must be a number' });
const port = number.int('must be a whole number').min(1, 'must be a port from 1 to 65535').max(65535, 'must be a port from 1 to 65535');
// 0 lets the system pick a free port (logged at start-up): for tests and side-by-side runs.
const portOrAny = number.int('must be a whole number').min(0, 'must be a port from 0 to 65535').max(65535, 'must be a port from 0 to 65535');
const positiveInt = number.int('must be a whole number').positive('must be greater than 0');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord id (digits only)');
const secret = (what: string) => z.string().min(1, `must not be empty (${what})`);
// Checked by scheme only: the rest may hold a password, which no message may repeat.
const serviceUrl = (schemes: RegExp, expected: string) => z.string().regex(schemes, `must be a ${expected} URL`);
// The application's Ed25519 public key as the Developer Portal shows it: 32 bytes in hex.
const publicKey = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hexadecimal characters of the Public Key (General Information)');
const visibility = z.enum(['ephemeral', 'in_channel'], { error: 'must be "ephemeral" or "in_channel"' });
const SHARDS_MESSAGE = 'must be "auto" or a whole number of shards greater than 0';
const shards = z.union([z.literal('auto'), z.coerce.number().int(SHARDS_MESSAGE).positive(SHARDS_MESSAGE)], { error: SHARDS_MESSAGE });

export const SECRET_VARIABLES = ['DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'USER_HASH_SECRET', 'REDIS_URL', 'DATABASE_URL', 'ADMIN_TOKEN'] as const;

const envSchema = z
  .object({
    KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
    KNOWLEDGE_WATCH: flag.default(false),
    KNOWLEDGE_LOAD_TIMEOUT_MS: positiveInt.default(60_000),

    DATA_DIR: z.string().min(1).default('data'),
    QUESTION_LOG: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
    QUESTION_LOG_DAYS: positiveInt.default(90),
    USER_HASH_SECRET: secret('the key for hashing user ids').optional(),

    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    LOG_PRETTY: flag.default(false),

    DISCORD_TOKEN: secret('the bot token').optional(),
    DISCORD_APPLICATION_ID: snowflake.optional(),
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_API_URL: httpUrl.optional(),
    DISCORD_SHARDS: shards.default('auto'),
    DISCORD_PUBLIC_KEY: publicKey.optional(),
    DISCORD_HTTP_HOST: z.string().min(1).default('0.0.0.0'),
    DISCORD_HTTP_PORT: portOrAny.default(3001),
    DISCORD_ANSWER_VISIBILITY: visibility.default('in_channel'),

    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-').optional(),
    SLACK_SIGNING_SECRET: secret('the signing secret').optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
    SLACK_PORT: port.default(3000),
    SLACK_HOST: z.string().min(1).default('0.0.0.0'),
    SLACK_API_URL: httpUrl.optional(),
    SLACK_ADMIN_USERS: z
      .string()
      .default('')
      .transform((list) => list.split(',').map((id) => id.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user ids such as U012ABCDEF, comma-separated'))),
    SLACK_ANSWER_VISIBILITY: visibility.default('ephemeral'),

    OPS_HOST: z.string().min(1).default('127.0.0.1'),
    OPS_PORT: portOrAny.default(9091),

    RATE_LIMIT_QUESTIONS: positiveInt.default(5),
    RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(30),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
    FOLLOW_UP_MINUTES: positiveInt.max(1440, 'must be at most 1440 (a day)').default(30),

    // Running several replicas: shared state, the shared question log, reloads over HTTP.
    REDIS_URL: serviceUrl(/^rediss?:\/\/[^\s]+$/i, 'redis:// or rediss://').optional(),
    DATABASE_URL: serviceUrl(/^postgres(?:ql)?:\/\/[^\s]+$/i, 'postgres:// or postgresql://').optional(),
    // It travels as "Authorization: Bearer <token>": a space or a character outside ASCII
    // could never arrive intact, and the endpoint would refuse every request.
    ADMIN_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]*$/, 'must be letters, digits and punctuation only, without spaces (it is sent in an HTTP header)')
      .min(16, 'must be at least 16 characters (a long random string)')
      .optional(),
  });

/** Every variable StoryBot reads, in the order .env.example documents them. */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(Object.keys(envSchema.shape));

type Present = Readonly<Record<string, string | undefined>>;

/**
 * Settings that only make sense together. Checked on what is present, apart from the schema,
 * so that they are reported alongside every other problem rather than only once the rest
 * is valid.
 */
const TOGETHER: readonly { variable: string; missing: (env: Present) => boolean; message: string; hashing?: true }[] = [
  { variable: 'DISCORD_APPLICATION_ID', missing: (env) => Boolean(env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID), message: 'is required when DISCORD_TOKEN is set' },
  {
    variable: 'DISCORD_APPLICATION_ID',
    missing: (env) => Boolean(env.DISCORD_PUBLIC_KEY && !env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID),
    message: 'is required when DISCORD_PUBLIC_KEY is set',
  },
  {
    variable: 'SLACK_SIGNING_SECRET',
    missing: (env) => Boolean(env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET),
    message: 'is required when SLACK_BOT_TOKEN is set, unless SLACK_APP_TOKEN selects Socket Mode',
  },
  { variable: 'SLACK_BOT_TOKEN', missing: (env) => Boolean(!env.SLACK_BOT_TOKEN && env.SLACK_APP_TOKEN), message: 'is required when SLACK_APP_TOKEN is set' },
  // Replicas each keep their own DATA_DIR, so a key made there would differ from one to the
  // next: the same person would count as several in the shared log and vote ledger.
  {
    variable: 'USER_HASH_SECRET',
    missing: (env) => Boolean((env.REDIS_URL || env.DATABASE_URL) && !env.USER_HASH_SECRET),
    message: 'is required when REDIS_URL or DATABASE_URL is set, the same on every replica',
    hashing: true,
  },
];

export interface Config {
  knowledge: { dir: string; watch: boolean; loadTimeoutMs: number };
  data: { dir: string; questionLog: boolean; retentionDays: number; hashSecret?: string };
  log: { level: string; pretty: boolean };
  discord?: {
    /** Needed by the gateway and by `npm run deploy:discord`; HTTP interactions answer without it. */
    token?: string;
    applicationId: string;
    guildId?: string;
    apiUrl?: string;
    /** How interactions arrive: over the gateway, or (with DISCORD_PUBLIC_KEY) as signed HTTP requests. */
    transport: DiscordTransportConfig;
    /** Who first sees an answer to /ask, unless its asker chooses with the private option. */
    visibility: 'ephemeral' | 'in_channel';
  };
  slack?: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    port: number;
    host: string;
    apiUrl?: string;
    adminUsers: string[];
    visibility: 'ephemeral' | 'in_channel';
  };
  ops: { host: string; port: number };
  rateLimit: { questions: number; windowSeconds: number };
  shutdownTimeoutMs: number;
  /** How long a follow-up may come after the answer it follows. */
  followUpMinutes: number;
  /** Where replicas share rate limits, reloads and votes; in-process when absent. */
  redisUrl?: string;
  /** The question log on PostgreSQL; SQLite in DATA_DIR when absent. */
  databaseUrl?: string;
  /** Bearer token for POST /admin/reload on the ops server; the endpoint is off when absent. */
  adminToken?: string;
}

export type DiscordTransportConfig =
  | { mode: 'gateway'; token: string; shards: 'auto' | number }
  | { mode: 'http'; publicKey: string; host: string; port: number };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** `hashing: false`: for a tool that never hashes a user id (the gap report), which needs no key. */
export function parseConfig(env: NodeJS.ProcessEnv, options: { hashing?: boolean } = {}): ConfigResult {
  // An empty line in .env ("DISCORD_TOKEN=") means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  // Named by the variable alone: "SLACK_ADMIN_USERS.1" would mean nothing to whoever edits .env.
  // Only the messages written here are shown: they never quote the value, which may be a secret.
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`)),
    ...TOGETHER.filter((rule) => rule.missing(present) && !(rule.hashing && options.hashing === false)).map((rule) => `${rule.variable}: ${rule.message}`),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  const e = parsed.data;
  return {
    ok: true,
    config: Object.freeze({
      knowledge: { dir: e.KNOWLEDGE_DIR, watch: e.KNOWLEDGE_WATCH, loadTimeoutMs: e.KNOWLEDGE_LOAD_TIMEOUT_MS },
      data: { dir: e.DATA_DIR, questionLog: e.QUESTION_LOG === 'on', retentionDays: e.QUESTION_LOG_DAYS, hashSecret: e.USER_HASH_SECRET },
      log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
      discord:
        e.DISCORD_TOKEN || e.DISCORD_PUBLIC_KEY
          ? {
              token: e.DISCORD_TOKEN,
              applicationId: e.DISCORD_APPLICATION_ID!,
              guildId: e.DISCORD_GUILD_ID,
              apiUrl: e.DISCORD_API_URL,
              // A public key means Discord posts to us; the gateway is then never opened.
              transport: (e.DISCORD_PUBLIC_KEY
                ? { mode: 'http', publicKey: e.DISCORD_PUBLIC_KEY.toLowerCase(), host: e.DISCORD_HTTP_HOST, port: e.DISCORD_HTTP_PORT }
                : { mode: 'gateway', token: e.DISCORD_TOKEN!, shards: e.DISCORD_SHARDS }) satisfies DiscordTransportConfig,
              visibility: e.DISCORD_ANSWER_VISIBILITY,
            }
          : undefined,
      slack: e.SLACK_BOT_TOKEN
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            port: e.SLACK_PORT,
            host: e.SLACK_HOST,
            apiUrl: e.SLACK_API_URL,
            adminUsers: e.SLACK_ADMIN_USERS,
            visibility: e.SLACK_ANSWER_VISIBILITY,
          }
        : undefined,
      ops: { host: e.OPS_HOST, port: e.OPS_PORT },
      rateLimit: { questions: e.RATE_LIMIT_QUESTIONS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      followUpMinutes: e.FOLLOW_UP_MINUTES,
      redisUrl: e.REDIS_URL,
      databaseUrl: e.DATABASE_URL,
      adminToken: e.ADMIN_TOKEN,
    }),
  };
}
