// A stand-in for Slack's Socket Mode endpoint: a WebSocket server on 127.0.0.1 that greets
// each client with "hello", delivers envelopes, and resolves each with the client's ack.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Recorded } from './recorded.js';

export interface SocketModeStandIn {
  url: string;
  /** Every client that connected, in order. */
  clients: Recorded<WebSocket>;
  /** Sends an envelope to the newest client; resolves with the payload of its ack. */
  deliver(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

export async function startSocketMode(): Promise<SocketModeStandIn> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const clients = new Recorded<WebSocket>();
  const acks = new Recorded<{ envelope_id: string; payload?: Record<string, unknown> }>();
  server.on('connection', (socket) => {
    socket.on('message', (data) => acks.push(JSON.parse(String(data)) as { envelope_id: string; payload?: Record<string, unknown> }));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'stand-in' }, connection_info: { app_id: 'A0STORY' } }));
    clients.push(socket);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=stand-in`,
    clients,
    async deliver(type, payload) {
      const socket = clients.items.at(-1);
      if (!socket) throw new Error('no Socket Mode client is connected');
      const envelopeId = randomUUID();
      socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
      return (await acks.waitFor((ack) => ack.envelope_id === envelopeId)).payload;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
