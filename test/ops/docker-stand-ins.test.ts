// npm run check:docker builds stand-ins for the base images on machines without registry
// access (deploy/stand-ins). Each image the Dockerfile and compose.yaml name must have one,
// under exactly that name, or the real-engine check would try to pull it and fail.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCompose } from '../../scripts/compose.js';
import { parseDockerfile } from '../../scripts/dockerfile.js';

const script = readFileSync('scripts/docker/stand-ins.sh', 'utf8');
/** Tag -> stand-in folder, from the build_stand_in calls. */
const built = new Map([...script.matchAll(/^\s*build_stand_in\s+(\S+)\s+(\S+)/gm)].map((m) => [m[2]!, m[1]!]));
/** Tags given to the Debian base itself (debian:bookworm-slim). */
const tagged = [...script.matchAll(/^\s*docker tag local\/debian:bookworm\s+(\S+)/gm)].map((m) => m[1]!);
const compose = readCompose(readFileSync('compose.yaml', 'utf8'), { POSTGRES_PASSWORD: 'x', USER_HASH_SECRET: 'y' });
const named = [
  ...parseDockerfile(readFileSync('Dockerfile', 'utf8')).map((s) => s.image).filter((image) => !/^\w+$/.test(image) || image.includes(':')),
  ...Object.values(compose.services).flatMap((s) => (s.build === undefined && s.image ? [s.image] : [])),
];

describe('the base-image stand-ins', () => {
  it.each([...new Set(named)])('%s has a stand-in built under that name, from a Dockerfile that exists', (image) => {
    if (tagged.includes(image)) return expect(readFileSync('deploy/stand-ins/debian-slim.sh', 'utf8')).toMatch(/slim/);
    const folder = built.get(image);
    expect(folder).toBeDefined();
    expect(existsSync(`deploy/stand-ins/${folder}/Dockerfile`)).toBe(true);
  });

  it('are all built on the local Debian base, which needs no registry', () => {
    for (const folder of built.values()) expect(readFileSync(`deploy/stand-ins/${folder}/Dockerfile`, 'utf8')).toMatch(/^FROM local\/debian:bookworm$/m);
  });
});
