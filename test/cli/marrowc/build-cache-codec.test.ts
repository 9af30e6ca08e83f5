import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decode,
  encode,
  keepUndefined,
  NotData,
  restoreUndefined,
} from "../../../cli/marrowc/cache/codec.ts";
import { parseHandlebars } from "../../../compiler/check/template-errors.ts";
import { compile } from "../../../compiler/index.ts";
import { parse } from "../../../compiler/syntax/parse.ts";

/**
 * What the build cache stores must read back exactly: every .marrow file of the repository (valid,
 * invalid, the original grammar's examples) parses to an AST and diagnostics that survive the cache's
 * encoding unchanged (no key lost, no number changed), and the diagnostics of whole projects too.
 */

const root = join(import.meta.dirname, "../../..");

function marrowFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) marrowFiles(full, out);
    else if (entry.name.endsWith(".marrow")) out.push(full);
  }
  return out;
}

const files = [...marrowFiles(join(root, "marrow")), ...marrowFiles(join(root, "test"))].map((f) =>
  relative(root, f),
);

describe("the build cache's encoding", () => {
  it("finds the repository's .marrow files", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)("gives back the parse of %s exactly", (path) => {
    const result = parse({ path, text: readFileSync(join(root, path), "utf8") });
    expect(decode(encode(result))).toStrictEqual(result);
  });

  it("gives back numbers JSON cannot hold", () => {
    const value = { a: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, -0, 0, 1.5] };
    expect(decode(encode(value))).toStrictEqual(value);
    expect(Object.is((decode(encode(-0)) as number) + 0, 0)).toBe(true);
    expect(Object.is(decode(encode(-0)), -0)).toBe(true);
  });

  it("gives back Handlebars' parses with their undefined properties (checks test some with `in`)", () => {
    const texts = [
      "Text: {{text}}\nAnswer with one word from: {{#each categories}}{{this}} {{/each}}",
      "{{#if undefined}}never{{/if}} {{#each items as |item i|}}{{i}}: {{item.name}} {{@index}}{{/each}}",
      "{{#with text}}{{missing}}{{/with}} {{> partial}} {{#unless 0}}{{text}}{{else}}x{{/unless}} {{{raw}}}",
      "{{!-- comment --}} {{~#if a~}} b {{~/if~}} {{lookup map key}} {{helper 1 true null undefined 'x' k=v}}",
      "{{#if text}} never closed",
    ];
    for (const text of texts) {
      const parsed = parseHandlebars(text);
      const restored = restoreUndefined(decode(encode(keepUndefined(parsed))));
      expect(restored, text).toStrictEqual(structuredClone(parsed));
    }
    expect(() => keepUndefined({ f: () => 1 })).toThrow(NotData);
  });

  it("gives back the diagnostics of whole projects", () => {
    const sources = files.map((path) => ({ path, text: readFileSync(join(root, path), "utf8") }));
    const { diagnostics } = compile(sources);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(decode(encode(diagnostics))).toStrictEqual(diagnostics);
  });
});
