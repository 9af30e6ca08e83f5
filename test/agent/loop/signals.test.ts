import { describe, expect, test } from "vitest";
import { StopRun, toStop } from "../../../cli/smallcode/agent/signals.ts";
import {
  BudgetExceededError,
  CancelledError,
  ConfigError,
  EndpointError,
  InvalidOutputError,
  RateLimitedError,
  TimeoutError,
} from "../../../runtime/index.ts";

describe("toStop", () => {
  test("an in-process model's act replies cut inside the tool-call grammar end the run as the model's failure, not a bug", () => {
    const why =
      "the reply was cut off at max_output (2048 tokens) inside the tool-call grammar, so it is not a complete JSON object";
    const stop = toStop(
      new InvalidOutputError(`model \`DefaultCoder\` (m.gguf): ${why}`, '{"tool":"write_file"', [why]),
    );
    expect(stop.reason).toBe("endpoint");
    expect(stop.code).toBe("INVALID_OUTPUT");
    expect(stop.message).toBe(`the model gave no usable reply: model \`DefaultCoder\` (m.gguf): ${why}`);
  });

  test("maps runtime errors to stop reasons", () => {
    const endpoint = new EndpointError("prompt `act`: connection refused", {
      retryable: true,
      context: { endpoint: "http://127.0.0.1:9/v1" },
    });
    const stop = toStop(endpoint);
    expect(stop.reason).toBe("endpoint");
    expect(stop.code).toBe("ENDPOINT_ERROR");
    expect(stop.message).toContain("http://127.0.0.1:9/v1");
    expect(stop.message).toContain("connection refused");
    expect(toStop(new TimeoutError("timed out", 1000)).reason).toBe("endpoint");
    const budget = new BudgetExceededError("over", {
      policy: "p",
      scope: "per_session",
      cap: { kind: "tokens", max: 1 },
      used: 1,
      requested: 1,
    });
    expect(toStop(budget).reason).toBe("budget");
    expect(toStop(new RateLimitedError("slow down", 10, "policy")).reason).toBe("budget");
    expect(toStop(new RateLimitedError("429", 10, "endpoint")).reason).toBe("endpoint");
    expect(toStop(new CancelledError("cancelled")).reason).toBe("cancelled");
    expect(toStop(new ConfigError("SMALLCODE_MODEL is not set"))).toMatchObject({
      reason: "error",
      code: "CONFIG_ERROR",
    });
  });

  test("the abort cause wins: a time limit is max_time, not cancelled", () => {
    expect(toStop(new CancelledError("cancelled"), "max_time").reason).toBe("max_time");
    expect(toStop(new Error("aborted"), "cancelled").reason).toBe("cancelled");
  });

  test("signals pass through; anything else is an internal error", () => {
    const done = new StopRun("done", "ok");
    expect(toStop(done)).toBe(done);
    expect(toStop(new TypeError("x is undefined"))).toMatchObject({
      reason: "error",
      message: "internal error: x is undefined",
    });
  });
});
