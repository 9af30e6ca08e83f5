import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server on loopback that serves files by URL path, the way a model hub (or a mirror of
 * one) does: `Content-Length`, `Range: bytes=N-` answered with 206 and `Content-Range`, 404 for any
 * other path. Faults for download tests: `cutAfter` drops the connection after that many body bytes
 * (the next request is served whole), `ignoreRange` answers every request with the whole file (200).
 */

/** One request the server saw. */
export interface SeenRequest {
  readonly path: string;
  readonly range?: string;
}

/** A running file server. */
export interface FileServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Drop the connection of the next request after `bytes` body bytes. */
  cutNextAfter(bytes: number): void;
  /** Serve whole files (200) even when a range is asked. */
  ignoreRange: boolean;
  close(): Promise<void>;
}

/** Starts a file server with `routes` (URL path → local file). */
export async function startFileServer(routes: Readonly<Record<string, string>>): Promise<FileServer> {
  let cut: number | undefined;
  const requests: SeenRequest[] = [];
  const state = { ignoreRange: false };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const range = req.headers.range;
    requests.push({ path, ...(range ? { range } : {}) });
    const file = routes[path];
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Entry not found");
      return;
    }
    const size = statSync(file).size;
    const match = /^bytes=(\d+)-$/.exec(range ?? "");
    const start = match && !state.ignoreRange ? Number(match[1]) : 0;
    if (start >= size && start > 0) {
      res.writeHead(416, { "content-range": `bytes */${size}` }).end();
      return;
    }
    const headers: Record<string, string | number> = {
      "content-type": "application/octet-stream",
      "content-length": size - start,
      "accept-ranges": "bytes",
    };
    if (start > 0) headers["content-range"] = `bytes ${start}-${size - 1}/${size}`;
    res.writeHead(start > 0 ? 206 : 200, headers);
    const limit = cut;
    cut = undefined;
    const stream = createReadStream(file, { start });
    if (limit === undefined) {
      stream.pipe(res);
      return;
    }
    let sent = 0;
    stream.on("data", (chunk) => {
      const buf = chunk as Buffer;
      if (sent + buf.length >= limit) {
        res.write(buf.subarray(0, limit - sent), () => {
          stream.destroy();
          req.socket.destroy(); // the connection breaks mid-body
        });
        sent = limit;
        stream.pause();
        return;
      }
      sent += buf.length;
      if (!res.write(buf)) {
        stream.pause();
        res.once("drain", () => stream.resume());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutNextAfter(bytes) {
      cut = bytes;
    },
    get ignoreRange() {
      return state.ignoreRange;
    },
    set ignoreRange(value: boolean) {
      state.ignoreRange = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens (a port that was just free). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
