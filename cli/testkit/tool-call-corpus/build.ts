/** Compact builders for corpus cases (the newer format files list many short cases). */
import type { ToolDefinition } from "../../smallcode/tool-calls/index.ts";
import type { CorpusCase, ExpectedCall } from "./types.ts";

/** Extra expectations of a case. */
interface Extra {
  issues?: CorpusCase["expect"]["issues"];
  text?: string;
  tools?: ToolDefinition[];
}

/** A case that must recover `calls` from `input`. */
export function call(
  id: string,
  format: string,
  kind: "positive" | "messy",
  input: string,
  calls: ExpectedCall[],
  extra: Extra = {},
): CorpusCase {
  const { tools, ...expect } = extra;
  return { id, format, kind, input, ...(tools ? { tools } : {}), expect: { calls, ...expect } };
}

/** A negative case: nothing may be recovered and no error reported. */
export function none(id: string, input: string): CorpusCase {
  return { id, format: "negative", kind: "negative", input, expect: { calls: [] } };
}

/** `read_file` on `path`. */
export const read = (path: string): ExpectedCall => ({ name: "read_file", arguments: { path } });
/** `bash` running `command`. */
export const bash = (command: string): ExpectedCall => ({ name: "bash", arguments: { command } });
