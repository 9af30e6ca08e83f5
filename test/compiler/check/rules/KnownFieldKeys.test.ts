import { describe, expect, it } from "vitest";
import { checkSource, expectDiagnostics, MODEL } from "../harness.ts";

describe("KnownFieldKeys", () => {
  it("accepts every documented key", () => {
    const src = `system S {
  domain: coding
  model Tiny {
    provider: ollama
    endpoint: "http://x"
    name: "m"
    api_key: "k"
    context_window: 8192
    max_output: 64
    temperature: 0.0
    top_p: 0.9
    stop: ["\\n"]
    cost_class: tiny
    latency_class: fast
    tool_format: native
  }
  prompt p(x: string) {
    model: Tiny
    system: "You help."
    template: "{{x}}"
    returns: string
    timeout: 3s
    temperature: 0.0
    max_output: 16
    validate: schema_only
    on_invalid: retry
    retry: { max_attempts: 2, backoff: fixed, interval: 100ms }
    cache: { key: hash(x), ttl: 10m }
  }
}
`;
    expect(expectDiagnostics(src)).toEqual([]);
  });

  it("reports a misspelt key with a did-you-mean over the accepted keys", () => {
    const src = `system S {
  model Tiny { endpoint: "http://x", name: "m", temprature: 0.2 }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2010", line: 2, col: 49, message: "unknown field `temprature` in model `Tiny`" },
    ]);
    expect(checkSource(src).diagnostics[0]!.hint).toBe("did you mean `temperature`?");
  });

  it("checks nested objects and tiers", () => {
    const src = `system S {
  ${MODEL}
  router r {
    by: input.x
    tier all { mx: 1 -> M }
  }
  prompt p(x: float) {
    router: r
    template: "{{x}}"
    retry: { max_attempts: 2, intervl: 1s }
  }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2010", line: 5, col: 16, message: "unknown field `mx` in tier `all` of router `r`" },
      { code: "MRW2010", line: 10, col: 31, message: "unknown field `intervl` in `retry` of prompt `p`" },
    ]);
  });

  it("lists the accepted keys when nothing is close", () => {
    const src = `system S {
  tool t(x: string) { description: "d", category: read, zzz: 1 }
}
`;
    const [d] = checkSource(src).diagnostics;
    expect(d!.code).toBe("MRW2010");
    expect(d!.hint).toBe("the fields of tool are `description`, `category`, `aliases` and `may_be_empty`");
  });

  it("only warns about unknown system fields", () => {
    const src = `system S {
  domian: coding
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2017", line: 2, col: 3, message: "unknown field `domian` in system `S`" },
    ]);
    expect(checkSource(src).diagnostics[0]!.severity).toBe("warning");
  });
});
