/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { afterEach, describe, expect, it } from "vitest";
import { makeModel, makeSpec, serve } from "../../cli/testkit/make-spec.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import {
  callPrompt,
  configureRuntime,
  EndpointError,
  extensionPointNotImplemented,
  InvalidInputError,
  MarrowRuntimeError,
  RateLimitedError,
  TimeoutError,
} from "../../runtime/index.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<MarrowRuntimeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MarrowRuntimeError);
  return error as MarrowRuntimeError;
}

describe("bad endpoints end in typed errors that name the endpoint", () => {
  it("a dead endpoint", async () => {
    const dead = await startScriptedServer();
    await dead.close();
    server = await serve({});
    configureRuntime({ baseUrl: dead.url });
    const error = await failure(callPrompt(makeSpec(), { text: "a" }));
    expect(error).toBeInstanceOf(EndpointError);
    expect(error.code).toBe("ENDPOINT_ERROR");
    expect(error.message).toContain(dead.url);
    expect(error.message).toMatch(/connection refused.*check that the server is running/);
    expect((error as EndpointError).retryable).toBe(true);
  });

  it("an endpoint that answers with HTML", async () => {
    server = await serve({ fallback: { fault: "html" } });
    const error = await failure(callPrompt(makeSpec(), { text: "a" }));
    expect(error).toBeInstanceOf(EndpointError);
    expect(error.message).toContain(server.url);
    expect(error.message).toMatch(/HTML page.*check the endpoint URL.*\/v1/);
  });

  it("a 401", async () => {
    server = await serve({ apiKey: "right-key", fallback: { content: "ok" } });
    configureRuntime({ apiKey: "wrong-key" });
    const error = await failure(
      callPrompt(makeSpec({ retry: { maxAttempts: 3, backoff: "fixed", intervalMs: 1 } }), { text: "a" }),
    );
    expect((error as EndpointError).status).toBe(401);
    expect(error.message).toContain(server.url);
    expect(error.message).toMatch(
      /the server rejected the API key \(401: Incorrect API key provided\); check that it is the right key/,
    );
    expect(server.chatRequests()).toHaveLength(1); // 4xx is never retried
  });

  it("a wrong model name, listing the models the server has", async () => {
    server = await serve({ models: ["qwen2.5-coder:7b", "llama3.2:3b"], fallback: { content: "ok" } });
    configureRuntime({ model: "qwen-typo" });
    const spec = makeSpec({ model: makeModel({ model: "${SMALLCODE_MODEL}" }) });
    const error = await failure(callPrompt(spec, { text: "a" }));
    expect((error as EndpointError).status).toBe(404);
    expect(error.message).toContain(server.url);
    expect(error.message).toMatch(
      /no model `qwen-typo`.*SMALLCODE_MODEL.*it serves: qwen2.5-coder:7b, llama3.2:3b/,
    );
  });

  it("a reply body that is not JSON, a truncated body, no choices, a malformed stream", async () => {
    for (const fault of ["not_json", "truncated", "empty_choices"] as const) {
      server = await serve({ fallback: { fault, content: "some reply text" } });
      const error = await failure(callPrompt(makeSpec(), { text: "a" }));
      expect(error, fault).toBeInstanceOf(EndpointError);
      expect(error.message, fault).toContain(server.url);
      await server.close();
    }
    server = await serve({ fallback: { fault: "malformed_sse", content: "some reply text" } });
    const error = await failure(callPrompt(makeSpec(), { text: "a" }, { onToken: () => {} }));
    expect(error.message).toMatch(/stream is malformed/);
  });

  it("a 429 that persists, with the server's Retry-After", async () => {
    server = await serve({ fallback: { status: 429, retryAfter: 7 } });
    const error = await failure(callPrompt(makeSpec(), { text: "a" }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
    expect((error as RateLimitedError).source).toBe("endpoint");
    expect(error.message).toMatch(/rate limiting.*wait 7 s/);
  });

  it("a hanging Ollama server", async () => {
    server = await serve({ ollama: {}, fallback: { fault: "hang" } });
    const spec = makeSpec({ model: makeModel({ provider: "ollama" }), timeoutMs: 100 });
    const error = await failure(callPrompt(spec, { text: "a" }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/no complete reply within 100 ms/);
  });

  it("a reply stream cut off mid-reply, on both routes", async () => {
    const once = { retry: { maxAttempts: 1, backoff: "fixed" as const, intervalMs: 1 } };
    for (const provider of ["openai_compat", "ollama"] as const) {
      server = await serve({ ollama: {}, fallback: { fault: "cut_off", content: "a reply of some length" } });
      const spec = makeSpec({ ...once, model: makeModel({ provider }) });
      const error = await failure(callPrompt(spec, { text: "a" }, { onToken: () => {} }));
      expect(error).toBeInstanceOf(EndpointError);
      expect(error.message).toMatch(/: the reply was cut off mid-stream \((it ended )?after 4 characters/);
      await server.close();
    }
    server = await serve({ fallback: { content: "ok" } }); // closed by afterEach
  });

  it("an Ollama server without the model", async () => {
    server = await serve({ ollama: {}, models: ["llama3.2:3b"], fallback: { content: "ok" } });
    const error = await failure(
      callPrompt(makeSpec({ model: makeModel({ provider: "ollama", model: "nope" }) }), { text: "a" }),
    );
    expect((error as EndpointError).status).toBe(404);
    expect(error.message).toMatch(/nope/);
    expect(error.message).toContain(server.origin);
  });
});

describe("other errors", () => {
  it("rejects input that does not match the parameters", async () => {
    server = await serve({ fallback: { content: "ok" } });
    const error = await failure(callPrompt(makeSpec(), { text: 42 } as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/input\.text/);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it("extension points not written yet name the function and the file", () => {
    expect(() => extensionPointNotImplemented("customRender", "marrow/ext/cognition.ts")).toThrow(
      /extension point `customRender` is not implemented yet; write its body in marrow\/ext\/cognition\.ts/,
    );
  });

  it("every error class has a stable code", async () => {
    const { BudgetExceededError, CancelledError, ConfigError, InvalidOutputError } = await import(
      "../../runtime/index.ts"
    );
    const cap = { kind: "tokens" as const, max: 1 };
    expect(
      [
        new EndpointError("m", { retryable: false }),
        new TimeoutError("m", 1),
        new InvalidOutputError("m", "raw", []),
        new BudgetExceededError("m", { policy: "p", scope: "per_session", cap, used: 0, requested: 2 }),
        new RateLimitedError("m", 1, "policy"),
        new ConfigError("m"),
        new InvalidInputError("m", []),
        new CancelledError("m"),
      ].map((e) => [e.name, e.code]),
    ).toEqual([
      ["EndpointError", "ENDPOINT_ERROR"],
      ["TimeoutError", "TIMEOUT"],
      ["InvalidOutputError", "INVALID_OUTPUT"],
      ["BudgetExceededError", "BUDGET_EXCEEDED"],
      ["RateLimitedError", "RATE_LIMITED"],
      ["ConfigError", "CONFIG_ERROR"],
      ["InvalidInputError", "INVALID_INPUT"],
      ["CancelledError", "CANCELLED"],
    ]);
  });
});
