// HTTP written byte for byte on a socket of its own, for request targets and timings that
// fetch and node:http would correct or refuse to send: "GET // HTTP/1.1", a body sent late.
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The status code, or 0 when the server closed without answering. */
  status: number;
  text: string;
}

/** Sends `head` (the request line and headers, without the blank line) and reads the answer until the server closes. */
export function rawRequest(port: number, head: string, body = ''): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.write(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** An open socket on 127.0.0.1 whose writes the test times itself. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}
