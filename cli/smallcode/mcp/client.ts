import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError as SdkError } from "@modelcontextprotocol/sdk/types.js";
import { packageVersion } from "../../shared/process.ts";
import { expandVars, type McpServerConfig } from "../config/mcp.ts";
import { formatMcpError, type McpError, mcpError, messageOf } from "./errors.ts";
import { resultText } from "./result.ts";

/**
 * The MCP client side: one connection per configured server (`@modelcontextprotocol/sdk`'s `Client`
 * over stdio or streamable HTTP), its tools (filtered by the allow-list), and calls with a timeout.
 * Every failure is a value: a server that cannot start is `failed` with an {@link McpError}, and a
 * call that fails is `{ ok: false, output }` naming the server, the cause and the fix.
 */

/** A tool a server offers (and the allow-list lets through). */
export interface McpTool {
  readonly server: string;
  readonly name: string;
  readonly description: string;
  /** The JSON schema of its arguments. */
  readonly inputSchema: Readonly<Record<string, unknown>>;
}

/** Where a server stands. */
export type McpState = "idle" | "connecting" | "ready" | "failed" | "closed";

/** One server, for `/mcp` and notices. */
export interface McpServerStatus {
  readonly name: string;
  /** `stdio: npx …` or `http: https://…`. */
  readonly target: string;
  readonly state: McpState;
  readonly tools: readonly McpTool[];
  readonly error?: McpError;
  /** Allow-listed names the server does not have. */
  readonly missing: readonly string[];
}

/** The result of one call, as a tool result. */
export interface McpCallResult {
  readonly ok: boolean;
  readonly output: string;
  readonly error?: McpError;
}

/** What the manager needs besides the servers. */
export interface McpClientOptions {
  /** The project root: stdio servers start there unless they say otherwise. */
  readonly cwd: string;
  /** Where `${VAR}` in `env` and `headers` is looked up. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Longest the start and the tool listing may take, ms (default 30 s). */
  readonly connectTimeoutMs?: number;
}

interface Entry {
  readonly config: McpServerConfig;
  state: McpState;
  client?: Client;
  tools: McpTool[];
  missing: string[];
  error?: McpError;
  /** The last lines a stdio server wrote to stderr (why it died). */
  stderr: string;
}

const STDERR_KEEP = 2000;

/** Connects to the configured servers and calls their tools. */
export class McpClients {
  readonly #entries: Entry[];
  readonly #options: McpClientOptions;
  #started: Promise<void> | undefined;
  /** Aborts the start in progress: the servers still starting are stopped (their processes killed). */
  #cancel: AbortController | undefined;

  constructor(servers: readonly McpServerConfig[], options: McpClientOptions) {
    this.#entries = servers.map((config) => ({ config, state: "idle", tools: [], missing: [], stderr: "" }));
    this.#options = options;
  }

  /** Whether any server is configured. */
  get configured(): boolean {
    return this.#entries.length > 0;
  }

  /**
   * Starts every server once (in parallel); resolves when each is ready or failed. Never rejects.
   * `signal` (Ctrl-C, the run's signal) cancels a start in progress: the servers still starting are
   * stopped — a stdio server's process is killed — and marked `MCP_CANCELLED`, and the next `start`
   * tries them again.
   */
  start(signal?: AbortSignal): Promise<void> {
    if (!this.#started) {
      const cancel = new AbortController();
      this.#cancel = cancel;
      const started = Promise.all(this.#entries.map((e) => this.#connect(e, cancel.signal))).then(() => {
        // a cancelled start is not the last word: the next run starts the stopped servers again
        if (cancel.signal.aborted && this.#started === started) this.#started = undefined;
      });
      this.#started = started;
    }
    const started = this.#started;
    if (!signal) return started;
    const cancel = this.#cancel;
    const onAbort = () => cancel?.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    return started.finally(() => signal.removeEventListener("abort", onAbort));
  }

  /** Every server's state and tools. */
  status(): McpServerStatus[] {
    return this.#entries.map((e) => ({
      name: e.config.name,
      target: targetOf(e.config),
      state: e.state,
      tools: e.tools,
      missing: e.missing,
      ...(e.error ? { error: e.error } : {}),
    }));
  }

  /** Calls `tool` on `server`; failures (unknown tool, timeout, server error) are results, never throws. */
  async call(
    server: string,
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<McpCallResult> {
    const entry = this.#entries.find((e) => e.config.name === server);
    const failed = (error: McpError): McpCallResult => ({ ok: false, output: formatMcpError(error), error });
    if (!entry?.client || entry.state !== "ready")
      return failed(
        mcpError(
          "MCP_NOT_CONNECTED",
          server,
          entry?.error
            ? `the server is not connected (${entry.error.message})`
            : "the server is not connected",
          "use another tool; `/mcp` shows the server's state",
        ),
      );
    if (!entry.tools.some((t) => t.name === tool))
      return failed(
        mcpError(
          "MCP_UNKNOWN_TOOL",
          server,
          `the server offers no tool \`${tool}\` (or it is not on the allow-list)`,
          `use one of: ${entry.tools.map((t) => t.name).join(", ") || "(none)"}`,
        ),
      );
    const timeoutS = entry.config.timeoutS;
    try {
      const result = await entry.client.callTool({ name: tool, arguments: args }, undefined, {
        timeout: timeoutS * 1000,
        ...(signal ? { signal } : {}),
      });
      const text = resultText(result);
      if (result.isError === true) {
        const error = mcpError(
          "MCP_TOOL_ERROR",
          server,
          `\`${tool}\` failed: ${oneLine(text)}`,
          "check the arguments against the tool's schema",
        );
        return {
          ok: false,
          output: text === "" ? formatMcpError(error) : `${text}\n(${error.code} from server \`${server}\`)`,
          error,
        };
      }
      return { ok: true, output: text === "" ? "(the tool returned nothing)" : text };
    } catch (error) {
      if (error instanceof SdkError && error.code === ErrorCode.RequestTimeout)
        return failed(
          mcpError(
            "MCP_TIMEOUT",
            server,
            `\`${tool}\` did not answer within ${timeoutS} s`,
            `try a smaller request, or raise \`timeout_s\` under [mcp.servers.${server}]`,
          ),
        );
      const died = entry.stderr.trim() === "" ? "" : ` (server said: ${oneLine(entry.stderr).slice(-300)})`;
      return failed(
        mcpError(
          "MCP_TOOL_ERROR",
          server,
          `\`${tool}\` failed: ${messageOf(error)}${died}`,
          "check the arguments, or use another tool",
        ),
      );
    }
  }

  /** Closes every connection (stdio servers are stopped). Never rejects. */
  async close(): Promise<void> {
    await Promise.all(
      this.#entries.map(async (e) => {
        const client = e.client;
        e.client = undefined;
        if (e.state === "ready" || e.state === "connecting") e.state = "closed";
        await client?.close().catch(() => {});
      }),
    );
  }

  async #connect(entry: Entry, cancel: AbortSignal): Promise<void> {
    const { config } = entry;
    if (entry.state === "ready") return; // started by an earlier, completed start
    entry.state = "connecting";
    entry.error = undefined;
    const limit = this.#options.connectTimeoutMs ?? 30_000;
    let transport: Transport;
    try {
      transport = this.#transport(entry);
    } catch (error) {
      entry.state = "failed";
      entry.error = mcpError(
        "MCP_CONNECT_FAILED",
        config.name,
        messageOf(error),
        `fix [mcp.servers.${config.name}] in ${config.file}`,
      );
      return;
    }
    const client = new Client({ name: "smallcode", version: packageVersion() });
    const signal = AbortSignal.any([AbortSignal.timeout(limit), cancel]);
    const cancelled = async (): Promise<boolean> => {
      if (!cancel.aborted) return false;
      entry.state = "failed";
      entry.error = mcpError(
        "MCP_CANCELLED",
        config.name,
        "its start was cancelled; the server was stopped",
        "it starts again with the next task",
      );
      await client.close().catch(() => {}); // ends the stdio server's process (SIGTERM, then SIGKILL)
      return true;
    };
    try {
      await client.connect(transport, { timeout: limit, signal });
    } catch (error) {
      if (await cancelled()) return;
      entry.state = "failed";
      const said = entry.stderr.trim() === "" ? "" : `; it said: ${oneLine(entry.stderr).slice(-300)}`;
      entry.error = mcpError(
        "MCP_CONNECT_FAILED",
        config.name,
        `could not start or reach ${targetOf(config)}: ${messageOf(error)}${said}`,
        `check [mcp.servers.${config.name}] in ${config.file}:${config.line} (run the command by hand to see its errors)`,
      );
      await client.close().catch(() => {});
      return;
    }
    try {
      entry.tools = await listAll(client, config, limit, signal);
    } catch (error) {
      if (await cancelled()) return;
      entry.state = "failed";
      entry.error = mcpError(
        "MCP_LIST_FAILED",
        config.name,
        `listing its tools failed: ${messageOf(error)}`,
        "check that it is an MCP server with tools",
      );
      await client.close().catch(() => {});
      return;
    }
    const names = new Set(entry.tools.map((t) => t.name));
    entry.missing = (config.tools ?? []).filter((t) => !names.has(t));
    entry.client = client;
    entry.state = "ready";
    client.onclose = () => {
      if (entry.state === "ready") {
        entry.state = "failed";
        entry.error = mcpError(
          "MCP_NOT_CONNECTED",
          config.name,
          "the server closed the connection",
          "restart smallcode to start it again",
        );
      }
    };
  }

  #transport(entry: Entry): Transport {
    const { config } = entry;
    const t = config.transport;
    const env = this.#options.env;
    if (t.kind === "http") {
      const headers = Object.fromEntries(
        Object.entries(t.headers).map(([k, v]) => [k, expandVars(v, env, config, `headers.${k}`)]),
      );
      return new StreamableHTTPClientTransport(new URL(t.url), { requestInit: { headers } });
    }
    const stdio = new StdioClientTransport({
      command: t.command,
      args: [...t.args],
      env: Object.fromEntries(
        Object.entries(t.env).map(([k, v]) => [k, expandVars(v, env, config, `env.${k}`)]),
      ),
      cwd: t.cwd ?? this.#options.cwd,
      stderr: "pipe",
    });
    stdio.stderr?.on("data", (chunk: Buffer) => {
      entry.stderr = (entry.stderr + chunk.toString("utf8")).slice(-STDERR_KEEP);
    });
    return stdio;
  }
}

/** Lists every page of tools, keeping the allow-listed ones. */
async function listAll(
  client: Client,
  config: McpServerConfig,
  timeout: number,
  signal: AbortSignal,
): Promise<McpTool[]> {
  const allowed = config.tools ? new Set(config.tools) : undefined;
  const tools: McpTool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const listed = await client.listTools(cursor ? { cursor } : {}, { timeout, signal });
    for (const t of listed.tools) {
      if (allowed && !allowed.has(t.name)) continue;
      tools.push({
        server: config.name,
        name: t.name,
        description: t.description ?? "",
        inputSchema: t.inputSchema as Record<string, unknown>,
      });
    }
    cursor = listed.nextCursor;
    if (!cursor) break;
  }
  return tools;
}

/** `stdio: cmd args` or `http: url`, for messages. */
export function targetOf(config: McpServerConfig): string {
  const t = config.transport;
  return t.kind === "stdio" ? `stdio: ${[t.command, ...t.args].join(" ")}` : `http: ${t.url}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}
