import { type WriteFileArgs, writeFileParams } from "../../../generated/index.ts";
import { atomicWrite, detectEol, lineCount, readText, withEol, writeError } from "./files.ts";
import { stripGutters } from "./numbered.ts";
import { resolveInProject } from "./paths.ts";
import { count, fail, plural, type Tool, type ToolResult } from "./tool.ts";

/** Arguments of `write_file`, as declared in marrow/tools.marrow. */
export type { WriteFileArgs } from "../../../generated/index.ts";

/** What `write_file` returns besides the text. */
export interface WriteFileResult extends ToolResult {
  readonly path?: string;
  /** True when the file did not exist before. */
  readonly created?: boolean;
  readonly lines?: number;
}

interface Conventions {
  readonly eol: "\n" | "\r\n";
  readonly finalNewline: boolean;
  readonly bom: boolean;
}

/**
 * Applies the conventions of the file being replaced (line endings, final newline, BOM) to `content`.
 * A new file keeps the content's own line endings and gets a final newline when it lacks one.
 */
export function applyConventions(
  content: string,
  old: Conventions | null,
): { text: string; notes: string[] } {
  const notes: string[] = [];
  if (old === null) {
    if (content !== "" && !content.endsWith("\n")) {
      return { text: `${content}${detectEol(content)}`, notes: ["added a final newline"] };
    }
    return { text: content, notes };
  }
  let text = withEol(content, old.eol);
  if (old.eol === "\r\n" && text !== content) notes.push("kept the file's CRLF line endings");
  if (old.finalNewline && text !== "" && !text.endsWith(old.eol)) {
    text += old.eol;
  } else if (!old.finalNewline && text.endsWith(old.eol)) {
    text = text.slice(0, -old.eol.length);
  }
  if (old.bom) text = `\uFEFF${text}`;
  return { text, notes };
}

/**
 * `write_file(path, content)`: creates the file (and missing directories) or replaces it, atomically.
 * A replaced file keeps its line endings, final-newline convention, BOM and permissions. A file that
 * is not valid UTF-8 is not replaced (see encoding.ts): patch edits it byte for byte instead.
 */
export const writeFileTool: Tool<WriteFileArgs, WriteFileResult> = {
  name: "write_file",
  params: writeFileParams,
  async run(args, ctx) {
    const resolved = await resolveInProject(ctx.cwd, args.path);
    if (!resolved.ok) return fail(resolved.message);
    const { abs, rel } = resolved.path;
    if (rel === ".") return fail("path is the project root; pass a file path such as `src/index.ts`");
    const existing = await readText(abs, rel);
    if (existing.kind === "directory") {
      return fail(`\`${rel}\` is a directory; pass a file path inside it, e.g. \`${rel}/index.ts\``);
    }
    if (existing.kind === "text" && existing.encoding === "latin1") {
      // Replacing it would re-encode every byte the model saw as Latin-1: refuse until it is converted or deleted.
      return fail(
        `\`${rel}\` is not UTF-8 (it is read as Latin-1); write_file would replace all of its bytes, so it ` +
          "was not changed. Use patch to change part of it (every other byte is kept). To replace it on " +
          `purpose, convert it to UTF-8 first (bash: iconv -f latin1 -t utf-8 ${rel} > ${rel}.utf8 && mv ${rel}.utf8 ${rel}) ` +
          `or delete it (bash: rm ${rel}), then call write_file again`,
      );
    }

    let content = args.content;
    const notes: string[] = [];
    const unGuttered = stripGutters(content);
    if (unGuttered !== null && lineCount(content) >= 2) {
      content = unGuttered;
      notes.push("removed line-number gutters copied from read_file output");
    }

    const old =
      existing.kind === "text"
        ? {
            eol: existing.text.includes("\n") ? detectEol(existing.text) : ("\n" as const),
            finalNewline: existing.text === "" || /\n$/.test(existing.text),
            bom: existing.bom,
          }
        : null;
    const applied = applyConventions(content, old);
    notes.push(...applied.notes);
    const created = existing.kind === "missing";
    const lines = lineCount(applied.text.replace(/^\uFEFF/, ""));

    if (
      existing.kind === "text" &&
      (existing.bom ? `\uFEFF${existing.text}` : existing.text) === applied.text
    ) {
      return {
        ok: true,
        output: `\`${rel}\` unchanged: the content is identical`,
        path: rel,
        created: false,
        lines,
      };
    }
    try {
      await atomicWrite(abs, applied.text, existing.kind === "text" ? existing.mode : undefined);
    } catch (e) {
      return fail(writeError(rel, e));
    }
    ctx.onChange?.(rel, created ? "created" : "modified");

    const before = existing.kind === "text" ? `, was ${count(lineCount(existing.text))}` : "";
    const head = created
      ? `created \`${rel}\` (${plural(lines, "line")})`
      : `overwrote \`${rel}\` (${plural(lines, "line")}${before})`;
    const output = notes.length ? `${head}; ${notes.join("; ")}` : head;
    return { ok: true, output, path: rel, created, lines };
  },
};
