// The ceiling for Discord's HTTP interactions: a plain node:http server that does what any
// such app must (read the body, verify the Ed25519 signature with Node's crypto, parse the
// JSON) and answers every interaction with a fixed string, and nothing else.
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';

const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(process.env.DISCORD_PUBLIC_KEY!, 'hex').toString('base64url') }, format: 'jwk' });
const port = Number(process.env.DISCORD_HTTP_PORT);
const fixed = JSON.stringify({ type: 4, data: { content: 'fixed reply' } });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    const timestamp = String(request.headers['x-signature-timestamp'] ?? '');
    const signature = Buffer.from(String(request.headers['x-signature-ed25519'] ?? ''), 'hex');
    if (!verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, signature)) return void response.writeHead(401).end();
    const interaction = JSON.parse(body.toString('utf8')) as { type: number };
    response.writeHead(200, { 'content-type': 'application/json' }).end(interaction.type === 1 ? '{"type":1}' : fixed);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.error(`bare discord http listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
