import { describe, expect, it } from "vitest";
import { checkSource, expectDiagnostics, MODEL, spanTexts } from "../harness.ts";

describe("ExtensionPointTemplates", () => {
  it("accepts an extension point whose parameters match the prompt's", () => {
    const src = `system S {
  ${MODEL}
  extension_point render(files: list<string>, task: string?) { returns: string, stable: true }
  prompt p(task: optional<string>, files: list<string>) { model: M, template: "extension_point:render" }
}
`;
    expect(expectDiagnostics(src)).toEqual([]);
  });

  it("reports an unknown extension point at the name inside the string", () => {
    const src = `system S {
  ${MODEL}
  extension_point render(task: string) { returns: string }
  prompt p(task: string) { model: M, template: "extension_point:rendr" }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2002", line: 4, col: 65, message: "unknown extension point `rendr`" },
    ]);
    expect(spanTexts(src)).toEqual(["rendr"]);
    expect(checkSource(src).diagnostics[0]!.suggestions).toEqual(["render"]);
  });

  it("reports parameters that differ by name or type, and a non-string result", () => {
    const src = `system S {
  ${MODEL}
  extension_point render(task: int, extra: string) { returns: json }
  prompt p(task: string, files: list<string>) { model: M, template: "extension_point:render" }
}
`;
    const at = { code: "MRW2040", line: 4, col: 86 };
    expect(expectDiagnostics(src)).toEqual([
      // A prompt parameter the extension point lacks is a warning at the parameter (original grammar).
      { code: "MRW2102", line: 4, col: 26, message: "extension point `render` has no parameter `files`" },
      { ...at, message: "parameter `task` is `string` in prompt `p` but `int` in extension point `render`" },
      { ...at, message: "extension point `render` takes `extra`, which prompt `p` does not have" },
      { ...at, message: "extension point `render` returns `json`, but a template must return `string`" },
    ]);
  });
});
