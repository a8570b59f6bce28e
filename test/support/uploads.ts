import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { TestApp } from './test-app.js';

export const MiB = 1024 * 1024;

/** A gzip body of many members (gzip allows it): `count` copies of `piece` compressed once, between a head and a tail. */
export function gzipMembers(head: string, piece: Buffer, count: number, tail: string): Buffer {
  const member = gzipSync(piece, { level: 9 });
  return Buffer.concat([gzipSync(head), ...Array.from({ length: count }, () => member), gzipSync(tail)]);
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** An upload whose body the test writes bit by bit (chunked), answered whenever the server answers. */
export function openUpload(baseUrl: string, urlPath: string, token: string, headers: Record<string, string> = { 'content-type': 'text/csv' }) {
  const req = http.request(`${baseUrl}${urlPath}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } });
  let closed = false;
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode!, headers: res.headers, body: /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(text) : text });
      });
    });
    req.on('error', (error) => {
      closed = true;
      reject(error);
    });
    req.on('close', () => (closed = true));
  });
  response.catch(() => undefined);
  return {
    response,
    write: (data: string | Buffer) => {
      if (!closed) req.write(data);
    },
    end: (data?: string | Buffer) => req.end(data),
    get closed() {
      return closed;
    },
  };
}

/** `promise`, or an error naming `what` after `ms`. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]);
}

/** The `.part` files of uploads being received (or left behind). */
export function partFiles(t: TestApp): string[] {
  const dir = path.join(t.dataDir, 'submissions', 'tmp');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.part')) : [];
}

export async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
