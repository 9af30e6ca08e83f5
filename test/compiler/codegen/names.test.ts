import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { camelCase, escapeIdentifier, ident, pascalCase, words } from "../../../compiler/codegen/names.ts";

/** The general splitting rule, which the lower-case snake_case shortcut of `words` must agree with. */
function wordsByRule(name: string): string[] {
  return name
    .split(/_+/)
    .filter((chunk) => chunk !== "")
    .flatMap((chunk) => chunk.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+|[A-Z]/g) ?? []);
}

describe("names", () => {
  it("splits lower-case snake_case names as the general rule does", () => {
    const name = fc.stringMatching(/^[a-z0-9_]{0,12}$/);
    fc.assert(
      fc.property(name, (n) => {
        expect(words(n)).toEqual(wordsByRule(n));
      }),
    );
    for (const n of ["", "_", "a__b", "_0005_x", "bench_0005_classify_3"])
      expect(words(n)).toEqual(wordsByRule(n));
  });

  it("splits names into words at underscores and case changes", () => {
    expect(words("classify_task_type")).toEqual(["classify", "task", "type"]);
    expect(words("TinyClassifier")).toEqual(["Tiny", "Classifier"]);
    expect(words("HTTPModel")).toEqual(["HTTP", "Model"]);
    expect(words("gpt4o_mini")).toEqual(["gpt4o", "mini"]);
    expect(words("__init__")).toEqual(["init"]);
  });

  it("camelCases values", () => {
    expect(camelCase("classify_task_type")).toBe("classifyTaskType");
    expect(camelCase("TinyClassifier")).toBe("tinyClassifier");
    expect(camelCase("HTTPModel")).toBe("httpModel");
    expect(camelCase("readFile")).toBe("readFile");
    expect(camelCase("read_URL")).toBe("readURL");
    expect(camelCase("_")).toBe("_");
  });

  it("PascalCases types and keeps PascalCase names as declared", () => {
    expect(pascalCase("task_type")).toBe("TaskType");
    expect(pascalCase("taskType")).toBe("TaskType");
    expect(pascalCase("TaskType")).toBe("TaskType");
    expect(pascalCase("HTTPMethod")).toBe("HTTPMethod");
  });

  it("escapes reserved words and names generated code uses itself", () => {
    expect(escapeIdentifier("delete")).toBe("delete_");
    expect(escapeIdentifier("Object")).toBe("Object_");
    expect(escapeIdentifier("z")).toBe("z_");
    expect(escapeIdentifier("prompts")).toBe("prompts_");
    expect(escapeIdentifier("value")).toBe("value_");
    expect(escapeIdentifier("classify")).toBe("classify");
  });

  it("derives the identifiers of each declaration", () => {
    expect(ident.prompt("classify_task_type")).toBe("classifyTaskType");
    expect(ident.promptSpec("classify_task_type")).toBe("classifyTaskTypeSpec");
    expect(ident.promptInput("classify_task_type")).toBe("ClassifyTaskTypeInput");
    expect(ident.model("TinyClassifier")).toBe("tinyClassifier");
    expect(ident.route("coding_router")).toBe("routeCodingRouter");
    expect(ident.tool("read_file")).toBe("readFileTool");
    expect(ident.tool("search_tool")).toBe("searchTool");
    expect(ident.toolArgs("read_file")).toBe("ReadFileArgs");
    expect(ident.policy("cognition_limits")).toBe("cognitionLimitsPolicy");
    expect(ident.evaluation("classify_accuracy")).toBe("classifyAccuracyEvaluation");
    expect(ident.template("act", "system")).toBe("actSystem");
    expect(ident.prompt("delete")).toBe("delete_");
    expect(ident.type("Record")).toBe("Record_");
  });
});
