/**
 * The witness over plain node:http (no framework):
 *
 *   POST /add-checkpoint            C2SP tlog-witness (witness.ts for the answers)
 *   GET  /<hex sha256(origin)>/checkpoint
 *                                   the latest checkpoint it cosigned for that log, with the
 *                                   log's signature and its cosignature (404 when none)
 *   GET  /health                    200 `ok` (liveness)
 *   GET  /                          the witness's name and vkey and the origins it follows
 *
 * The submission and monitoring prefixes are both the server's root. Bodies above
 * 64 KiB are refused (413). Other paths: 404; other methods: 405.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Witness } from './witness.js';

export const MAX_REQUEST_BYTES = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** An HTTP request handler for `witness`; `onError` sees unexpected failures (answered 500). */
export function witnessHandler(witness: Witness, onError: (error: unknown) => void = () => undefined) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://witness');
      const plain = 'text/plain; charset=utf-8';
      if (url.pathname === '/add-checkpoint') {
        if (req.method !== 'POST') return send(res, 405, plain, 'use POST\n', { allow: 'POST' });
        const body = await readBody(req);
        if (body === null) return send(res, 413, plain, `request larger than ${MAX_REQUEST_BYTES} bytes\n`, { connection: 'close' });
        const answer = await witness.addCheckpoint(body);
        return send(res, answer.status, answer.contentType, answer.body);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, plain, 'use GET\n', { allow: 'GET, HEAD' });
      if (url.pathname === '/health') return send(res, 200, plain, 'ok\n');
      if (url.pathname === '/') {
        return send(res, 200, plain, `witness ${witness.key.name}\nvkey ${witness.vkey}\n${witness.origins.map((o) => `log ${o}\n`).join('')}`);
      }
      const match = /^\/([0-9a-f]{64})\/checkpoint$/.exec(url.pathname);
      if (match) {
        const note = witness.latestCheckpoint(match[1]);
        if (note === null) return send(res, 404, plain, 'no checkpoint cosigned for this log\n');
        return send(res, 200, plain, note, { 'cache-control': 'no-cache' });
      }
      return send(res, 404, plain, 'not found\n');
    } catch (error) {
      onError(error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    }
  };
}

/** A node:http server for the witness (not listening yet). */
export function createWitnessServer(witness: Witness, onError?: (error: unknown) => void): Server {
  const handler = witnessHandler(witness, onError);
  const server = createServer((req, res) => void handler(req, res));
  server.keepAliveTimeout = 30_000;
  return server;
}
