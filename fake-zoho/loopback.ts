/** What both fake Zoho servers (the API and the accounts server) need from Node's http server. */
import * as http from 'http';
import { AddressInfo, Socket } from 'net';

export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** Stops listening and drops open connections (a test's slow answer must not keep it alive). */
  close(): Promise<void>;
}

/** Serves `handle` on 127.0.0.1 (a free port unless `port` is given). */
export async function serveOnLoopback(
  handle: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>,
  port = 0,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    void handle(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: http.ServerResponse, status: number, body: object, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}
