import { appendFileSync } from "node:fs";
import { type Script, type ScriptedReply, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { SimModel, type SimStats } from "./model.ts";
import type { SimTask } from "./types.ts";

/**
 * The simulated models on the wire: the scripted OpenAI-compatible server (cli/testkit) answering every
 * chat request through a `SimModel`. The script has no rules, only a `fallback` getter that the server
 * reads synchronously right after recording the request, so the reply is computed from that request.
 */

/** A running sim server. */
export interface SimServer {
  /** `http://127.0.0.1:PORT/v1` */
  readonly url: string;
  readonly model: SimModel;
  readonly stats: SimStats;
  close(): Promise<void>;
}

/** Options of `startSimServer`. */
export interface SimServerOptions {
  readonly port?: number;
  /** Appends every request and reply as one JSON line (default: `SMALLCODE_SIM_LOG` from the environment). */
  readonly log?: string;
}

/** Starts a sim server for `tasks` on 127.0.0.1 (a free port unless `port` is given). */
export async function startSimServer(
  tasks: readonly SimTask[],
  options: SimServerOptions = {},
): Promise<SimServer> {
  const log = options.log ?? process.env.SMALLCODE_SIM_LOG;
  const model = new SimModel(tasks);
  let current: (() => ScriptedReply) | undefined;
  const script: Script = {
    get fallback(): ScriptedReply {
      return current ? current() : { status: 503, errorMessage: "sim server is starting" };
    },
  };
  const server = await startScriptedServer(script, options.port === undefined ? {} : { port: options.port });
  current = () => {
    const request = server.requests[server.requests.length - 1];
    // Keep memory flat over long runs: the sim needs only the request being answered.
    server.requests.splice(0, server.requests.length - 1);
    if (!request || typeof request.body !== "object" || request.body === null)
      return { status: 400, errorMessage: "request body is not JSON" };
    const reply = model.respond(request.body as Record<string, unknown>, request.headers);
    if (log)
      appendFileSync(log, `${JSON.stringify({ request: request.body, headers: request.headers, reply })}\n`);
    return reply;
  };
  return { url: server.url, model, stats: model.stats, close: () => server.close() };
}
