/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { testModel } from "../../../cli/testkit/test-models.ts";
import { createEmbeddedClient, createRuntime, type ModelSpec } from "../../../runtime/index.ts";
import { cleanup, project, readFile, run } from "../../cli/marrowc/helpers.ts";

/**
 * `provider: embedded` from source to reply: a user's .marrow file compiled by `marrowc build`, its
 * generated prompt function called on a runtime with the embedded client and a real model
 * (SmolLM2-135M); the model file comes from `${SMALLCODE_MODEL_FILE}` in the runtime's values.
 */

const SOURCE = `system Local {
  model Tiny {
    provider: embedded
    model_file: "\${SMALLCODE_MODEL_FILE}"
    context_window: 2048
    threads: 1
    grammar: none
    max_output: 8
    temperature: 0.0
  }

  prompt greet(name: string) {
    model: Tiny
    template: "Say hello to {{name}}."
    returns: string
  }
}
`;

const client = createEmbeddedClient();
afterAll(async () => {
  await client.close();
  cleanup();
});

describe("an embedded model declared in MarrowScript", { timeout: 180_000 }, () => {
  it("compiles into a model spec with its file and settings, and answers through the runtime", async () => {
    const dir = project({ "marrow/local.marrow": SOURCE });
    const runtimeImport = resolve(import.meta.dirname, "../../../runtime/index.ts");
    const built = await run(dir, ["build", "--runtime-import", runtimeImport]);
    expect(built.stderr).toMatch(/^marrowc: /);
    expect(built.code).toBe(0);
    expect(readFile(dir, "generated/local.ts")).toContain('provider: "embedded"');

    const generated = (await import(pathToFileURL(join(dir, "generated/local.ts")).href)) as {
      tiny: ModelSpec;
      greet: (input: { name: string }, options: { runtime: unknown }) => Promise<string>;
    };
    expect(generated.tiny).toMatchObject({
      provider: "embedded",
      endpoint: "",
      modelFile: "${SMALLCODE_MODEL_FILE}",
      threads: 1,
      grammar: "none",
      contextWindow: 2048,
    });
    const runtime = createRuntime({
      clients: { embedded: client },
      env: { SMALLCODE_MODEL_FILE: testModel("smollm2-135m") },
      traceDir: false,
      cache: "off",
    });
    const reply = await generated.greet({ name: "Ada" }, { runtime });
    expect(typeof reply).toBe("string");
    expect(reply.length).toBeGreaterThan(0);
    // The spec's threads and window, and the file found through the runtime's ${SMALLCODE_MODEL_FILE}.
    expect(await runtime.contextWindow(generated.tiny)).toBe(2048);
    expect(await client.info(undefined, runtime.resolveModel(generated.tiny))).toMatchObject({
      threads: 1,
      contextWindow: 2048,
    });
  });
});
