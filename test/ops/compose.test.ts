// What can be checked of compose.yaml without a Docker engine: two StoryBot replicas built
// from this Dockerfile, sharing Redis and PostgreSQL, each with its own data, behind a load
// balancer whose configuration sends Slack and Discord to both.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DEFAULTS } from '../../src/app.js';
import { CONFIG_VARIABLES, parseConfig } from '../../src/config.js';
import { SLACK_DEFAULTS } from '../../src/adapters/slack/listeners/deps.js';
import { HTTP_INTERACTIONS_DEFAULTS } from '../../src/adapters/discord/transport/http-interactions.js';
import { portMapping, readCompose, readNginx, type ComposeService } from '../../scripts/compose.js';
import { envOf, parseDockerfile, workdirOf } from '../../scripts/dockerfile.js';

const SETTINGS = { POSTGRES_PASSWORD: 'compose-test-password', USER_HASH_SECRET: 'compose-test-hash-key' };
const compose = readCompose(readFileSync('compose.yaml', 'utf8'), SETTINGS);
const services = compose.services;
const replicas = Object.entries(services).filter(([, s]) => s.build !== undefined);
const final = parseDockerfile(readFileSync('Dockerfile', 'utf8')).at(-1)!;
const imageEnv = envOf(final);
const inImage = (dir: string) => path.posix.resolve(workdirOf(final), dir);
/** The Discord HTTP interactions endpoint, where a replica with DISCORD_PUBLIC_KEY serves it. */
const DISCORD_HTTP = (() => {
  const parsed = parseConfig({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DISCORD_APPLICATION_ID: '1' });
  const transport = parsed.ok ? parsed.config.discord?.transport : undefined;
  if (transport?.mode !== 'http') throw new Error('DISCORD_PUBLIC_KEY no longer selects HTTP interactions');
  return { host: transport.host, port: transport.port, path: HTTP_INTERACTIONS_DEFAULTS.path };
})();

const hostOf = (url: string) => new URL(url).hostname;
const dependsHealthy = (service: ComposeService, on: string) => service.depends_on?.[on]?.condition === 'service_healthy';

describe('compose.yaml', () => {
  it('runs two StoryBot replicas, built from the Dockerfile in this folder', () => {
    expect(replicas.map(([name]) => name)).toEqual(['storybot-1', 'storybot-2']);
    for (const [, replica] of replicas) {
      expect(replica.build).toBe('.');
      expect(existsSync('Dockerfile')).toBe(true);
    }
  });

  it.each(replicas)('starts %s with settings StoryBot accepts, pointing at the shared Redis and PostgreSQL', (_, replica) => {
    const env = replica.environment ?? {};
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
    const parsed = parseConfig({ ...imageEnv, ...env, SLACK_BOT_TOKEN: 'xoxb-compose', SLACK_SIGNING_SECRET: 'compose' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(services[hostOf(parsed.config.redisUrl!)]?.image).toMatch(/^redis:\d+/);
    expect(services[hostOf(parsed.config.databaseUrl!)]?.image).toMatch(/^postgres:\d+/);
    expect(parsed.config.ops.host).toBe('0.0.0.0');
  });

  it('gives every replica the same shared settings and hashing key', () => {
    const shared = (replica: ComposeService) => ({ ...replica.environment });
    expect(shared(replicas[1]![1])).toEqual(shared(replicas[0]![1]));
    expect(replicas[0]![1].environment?.USER_HASH_SECRET).toBe(SETTINGS.USER_HASH_SECRET);
  });

  it('gives each replica its own DATA_DIR volume and the knowledge folder read-only', () => {
    const dataVolumes = replicas.map(([, r]) => r.volumes?.find((v) => v.endsWith(`:${inImage(imageEnv.DATA_DIR ?? 'data')}`))?.split(':')[0]);
    expect(new Set(dataVolumes).size).toBe(replicas.length);
    for (const volume of dataVolumes) expect(compose.volumes).toHaveProperty(volume!);
    for (const [, replica] of replicas) {
      const knowledge = replica.volumes?.find((v) => v.split(':')[1] === inImage(imageEnv.KNOWLEDGE_DIR ?? 'knowledge'));
      expect(knowledge).toMatch(/^\.\/knowledge:.*:ro$/);
    }
  });

  it('publishes each replica\'s health, metrics and admin port on the host\'s loopback only, one host port each', () => {
    const ops = replicas.map(([, r]) => r.ports!.map(portMapping).find((p) => p.container === 9091));
    for (const mapping of ops) expect(mapping?.address).toBe('127.0.0.1');
    expect(new Set(ops.map((p) => p?.host)).size).toBe(replicas.length);
  });

  it('starts the replicas once Redis and PostgreSQL are healthy, and the balancer once the replicas are', () => {
    for (const name of ['redis', 'postgres']) expect(services[name]?.healthcheck?.test.length).toBeGreaterThan(1);
    for (const [, replica] of replicas) {
      expect(dependsHealthy(replica, 'redis')).toBe(true);
      expect(dependsHealthy(replica, 'postgres')).toBe(true);
    }
    for (const [name] of replicas) expect(dependsHealthy(services.balancer!, name)).toBe(true);
  });

  it('makes the PostgreSQL user and database the replicas connect as', () => {
    const url = new URL(replicas[0]![1].environment!.DATABASE_URL!);
    const env = services.postgres!.environment!;
    expect([env.POSTGRES_USER, env.POSTGRES_DB, env.POSTGRES_PASSWORD]).toEqual([url.username, url.pathname.slice(1), url.password]);
  });

  it('lets questions in flight finish before a replica is killed', () => {
    const seconds = Number(/^(\d+)s$/.exec(replicas[0]![1].stop_grace_period ?? '')?.[1]);
    const defaults = parseConfig({});
    if (!defaults.ok) throw new Error('the default settings do not parse');
    expect(seconds * 1000).toBeGreaterThan(defaults.config.shutdownTimeoutMs + APP_DEFAULTS.disconnectTimeoutMs);
  });
});

describe('the load balancer', () => {
  const balancer = services.balancer!;
  const mount = balancer.volumes!.find((v) => v.split(':')[1] === '/etc/nginx/nginx.conf')!;
  const file = mount.split(':')[0]!;
  const nginx = readNginx(readFileSync(file, 'utf8'));
  const slackPort = Number(replicas[0]![1].environment!.SLACK_PORT);

  it('reaches the replicas\' Discord endpoint, which listens on every interface by default', () => {
    expect(replicas[0]![1].environment?.DISCORD_HTTP_HOST ?? DISCORD_HTTP.host).toBe('0.0.0.0');
  });

  it('is nginx, with a configuration file that exists', () => {
    expect(balancer.image).toMatch(/^nginx:\d+/);
    expect(existsSync(file)).toBe(true);
  });

  it.each([
    ['Slack', SLACK_DEFAULTS.eventsPath, () => slackPort],
    ['Discord', DISCORD_HTTP.path, () => DISCORD_HTTP.port],
  ])('sends %s requests to every replica, on the port each listens on', (_, endpoint, port) => {
    const server = nginx.servers.find((s) => s.locations[endpoint] !== undefined);
    expect(server).toBeDefined();
    const upstream = nginx.upstreams[server!.locations[endpoint]!];
    expect(upstream?.sort()).toEqual(replicas.map(([name]) => `${name}:${port()}`).sort());
    expect(balancer.ports!.map(portMapping).map((p) => p.container)).toContain(server!.listen);
  });
});

describe('compose.yaml on both compose versions, and its balancer', () => {
  it('has no top-level name, which docker-compose 1.29 refuses (the project name is given with -p)', () => {
    expect(Object.keys(compose)).not.toContain('name');
  });

  it('never sends a POST that reached one replica on to the other (no non_idempotent in proxy_next_upstream)', () => {
    const balancer = services.balancer!;
    const file = balancer.volumes!.find((v) => v.split(':')[1] === '/etc/nginx/nginx.conf')!.split(':')[0]!;
    const rules = [...readFileSync(file, 'utf8').replace(/#.*$/gm, '').matchAll(/\bproxy_next_upstream\s+([^;]*);/g)].map((m) => m[1]!.split(/\s+/));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).not.toContain('non_idempotent');
  });
});
