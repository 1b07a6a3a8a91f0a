// Just enough of a compose file and an nginx configuration reader for CI to check, without
// Docker (so without `docker compose config`), how the replicas are deployed.
import { parse } from 'yaml';

export interface ComposeService {
  build?: string | { context: string };
  image?: string;
  environment?: Record<string, string>;
  env_file?: string | string[];
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  command?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/**
 * Reads a compose file as Compose does: merge keys (`<<: *anchor`) applied, and
 * ${VAR}, ${VAR:-default} and ${VAR:?message} replaced from `values`.
 */
export function readCompose(text: string, values: Readonly<Record<string, string>>): ComposeFile {
  const interpolated = text.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const value = values[name];
    if (value) return value;
    if (kind === '-') return rest ?? '';
    throw new Error(`compose needs ${name}${kind === '?' ? `: ${rest}` : ''}`);
  });
  return parse(interpolated, { merge: true }) as ComposeFile;
}

/** "127.0.0.1:9092:9091" -> host address, host port, container port. */
export function portMapping(text: string): { address?: string; host: number; container: number } {
  const parts = text.split(':');
  const container = Number(parts.at(-1));
  const host = Number(parts.at(-2) ?? container);
  return { address: parts.length === 3 ? parts[0] : undefined, host, container };
}

export interface NginxConfig {
  upstreams: Record<string, string[]>;
  /** Each server block: the port it listens on, and where each exact location goes. */
  servers: { listen: number; locations: Record<string, string> }[];
}

export function readNginx(text: string): NginxConfig {
  const plain = text.replace(/#.*$/gm, '');
  const upstreams: Record<string, string[]> = {};
  for (const [, name, body] of plain.matchAll(/\bupstream\s+(\w+)\s*\{([^}]*)\}/g)) {
    upstreams[name!] = [...body!.matchAll(/\bserver\s+(\S+?)(?:\s[^;]*)?;/g)].map((m) => m[1]!);
  }
  const servers: NginxConfig['servers'] = [];
  // A server block holds location blocks, so it ends at the first "}" on a line of its own
  // at its own indentation; nginx.conf here keeps that layout.
  for (const [, , body] of plain.matchAll(/^(\s*)server\s*\{\n([\s\S]*?)^\1\}/gm)) {
    const listen = Number(/\blisten\s+(\d+)\s*;/.exec(body!)?.[1]);
    const locations = Object.fromEntries([...body!.matchAll(/\blocation\s*=\s*(\S+)\s*\{[^}]*?\bproxy_pass\s+http:\/\/(\w+)\s*;/g)].map((m) => [m[1]!, m[2]!]));
    servers.push({ listen, locations });
  }
  return { upstreams, servers };
}
