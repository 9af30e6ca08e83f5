/**
 * The YAML-ish front matter of a SKILL.md: a `---` line, `key: value` lines (quoted values, folded
 * `>`/`|` blocks and `- item` lists as indented continuation lines), a closing `---`. Only this small
 * subset is read: skills come from cloned repositories, so the parser is total — every input gives
 * fields or a problem naming the line, never a throw.
 */

/** A front-matter value and the line it started on (1-based, in the file). */
export interface Field {
  readonly value: string;
  readonly line: number;
}

/** Parsed front matter: fields by lower-cased key, and the body after it. */
export type FrontMatter =
  | {
      readonly ok: true;
      readonly fields: ReadonlyMap<string, Field>;
      readonly body: string;
      /** The body's first line number in the file. */
      readonly bodyLine: number;
    }
  | { readonly ok: false; readonly line: number; readonly message: string; readonly hint: string };

/** Most front-matter lines looked at before the closing `---` must have come. */
const MAX_LINES = 200;

const EXAMPLE =
  "start the file with a front matter block: a `---` line, `name: my-skill`, `description: what it does, in one line`, and a closing `---` line";

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))))
    return v.slice(1, -1).replace(/\\"/g, '"');
  return v;
}

/** Parses the front matter at the top of `text`. Pure and total. */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---")
    return { ok: false, line: 1, message: "has no front matter", hint: EXAMPLE };
  const fields = new Map<string, Field>();
  let key: string | undefined;
  for (let i = 1; i < Math.min(lines.length, MAX_LINES); i++) {
    const line = lines[i]!;
    const n = i + 1;
    if (line.trim() === "---") {
      return { ok: true, fields, body: lines.slice(i + 1).join("\n"), bodyLine: n + 1 };
    }
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (/^\s/.test(line) && key !== undefined) {
      // a continuation: a folded or literal block line, or a list item
      const item = line.trim().replace(/^-\s+/, "");
      const old = fields.get(key)!;
      const joiner = old.value === "" ? "" : line.trim().startsWith("- ") ? ", " : " ";
      fields.set(key, { value: `${old.value}${joiner}${unquote(item)}`, line: old.line });
      continue;
    }
    const match = /^([A-Za-z_][\w-]*)\s*:(.*)$/.exec(line);
    if (!match)
      return {
        ok: false,
        line: n,
        message: `front-matter line \`${line.trim().slice(0, 60)}\` is not \`key: value\``,
        hint: "write one `key: value` per line, and indent continuation lines",
      };
    key = match[1]!.toLowerCase().replace(/-/g, "_");
    const value = match[2]!.trim();
    fields.set(key, { value: /^[>|][+-]?$/.test(value) ? "" : unquote(value), line: n });
  }
  return {
    ok: false,
    line: 1,
    message: `the front matter is not closed with a \`---\` line within ${MAX_LINES} lines`,
    hint: "end the front matter with a line holding only ---",
  };
}
