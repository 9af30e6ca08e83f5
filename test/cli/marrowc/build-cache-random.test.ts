import { rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, project, run, tree, writeFile } from "./helpers.ts";

/**
 * The build cache against clean builds: random edit sequences applied to two copies of one project,
 * one built with the cache after every edit (cold, incremental) and one with `--no-cache`. Exit
 * code, everything printed (diagnostics and the status line) and every byte of generated/ must be
 * the same after every step, across edits that add, remove, rename and move declarations other files
 * refer to, that make errors appear and disappear, that change warnings, and that write the body of
 * an extension point by hand.
 */

afterAll(cleanup);

interface Prompt {
  readonly name: string;
  readonly returns: string;
  readonly text: string;
  /** A parameter the template never uses: a warning. */
  readonly unused: boolean;
}

interface Project {
  /** Per file (`marrow/f0.marrow`…): enum names declared there and prompts. */
  readonly files: readonly { readonly enums: readonly string[]; readonly prompts: readonly Prompt[] }[];
  /** A syntax error in file 0. */
  readonly broken: boolean;
  /** The extension point in file 1 and whether its body was written by hand. */
  readonly body: string | undefined;
  /** A change made to generated/ by hand, which the next build must undo. */
  readonly tamper?: "delete" | "edit";
  /** A third member in every enum: the output types of prompts in other files change. */
  readonly gamma?: boolean;
}

const START: Project = {
  files: [
    {
      enums: ["Mood", "Tone"],
      prompts: [{ name: "classify", returns: "Mood", text: "Text", unused: false }],
    },
    { enums: ["Level"], prompts: [{ name: "grade", returns: "Tone", text: "Grade", unused: true }] },
    { enums: [], prompts: [{ name: "rate", returns: "Level", text: "Rate", unused: false }] },
  ],
  broken: false,
  body: undefined,
};

function render(p: Project, index: number): string {
  const file = p.files[index]!;
  const lines = [index === 0 ? "system Models {" : `import Models from "f0.marrow"\n\nsystem S${index} {`];
  if (index === 0) {
    lines.push(
      `  model Tiny {\n    provider: openai_compat\n    endpoint: "\${SMALLCODE_BASE_URL}"\n    name: "m"\n  }`,
    );
    if (p.broken) lines.push("  enum Broken { a, ");
  }
  for (const e of file.enums) lines.push(`  enum ${e} { alpha, beta${p.gamma ? ", gamma" : ""} }`);
  for (const pr of file.prompts) {
    const params = pr.unused ? "text: string, extra: string" : "text: string";
    lines.push(
      `  // ${pr.text} prompt.\n  prompt ${pr.name}(${params}) {\n    model: Tiny\n` +
        `    template: """\n      ${pr.text}: {{text}}\n    """\n    returns: ${pr.returns}\n  }`,
    );
  }
  if (index === 1) {
    lines.push("  extension_point shape(task: string) { returns: string, stable: true }");
  }
  lines.push("}\n");
  return lines.join("\n\n");
}

type Edit = (p: Project) => Project;

const allEnums = (p: Project) => p.files.flatMap((f) => f.enums);
const mapFile = (p: Project, i: number, f: (file: Project["files"][number]) => Project["files"][number]) => ({
  ...p,
  files: p.files.map((file, k) => (k === i ? f(file) : file)),
});

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // A prompt's text: only its file changes.
  fc.tuple(fc.nat(2), fc.constantFrom("Label", "Sort", "Pick one")).map(
    ([i, text]): Edit =>
      (p) =>
        mapFile(p, i, (f) => ({ ...f, prompts: f.prompts.map((pr, k) => (k === 0 ? { ...pr, text } : pr)) })),
  ),
  // Rename an enum where it is declared only: references elsewhere break (errors appear).
  fc.tuple(fc.nat(2), fc.constantFrom("Mood2", "Tone2", "Level2")).map(
    ([i, to]): Edit =>
      (p) =>
        mapFile(p, i, (f) => ({ ...f, enums: f.enums.map((e, k) => (k === 0 ? to : e)) })),
  ),
  // Point every prompt at an enum that exists (errors disappear).
  fc.constant<Edit>((p) => {
    const enums = allEnums(p);
    if (enums.length === 0) return p;
    return {
      ...p,
      files: p.files.map((f, i) => ({
        ...f,
        prompts: f.prompts.map((pr, k) => ({ ...pr, returns: enums[(i + k) % enums.length]! })),
      })),
    };
  }),
  // Move an enum to another file (a cross-file reference changes its target module).
  fc.tuple(fc.nat(2), fc.nat(2)).map(
    ([from, to]): Edit =>
      (p) => {
        const moved = p.files[from]!.enums[0];
        if (moved === undefined || from === to) return p;
        const out = mapFile(p, from, (f) => ({ ...f, enums: f.enums.slice(1) }));
        return mapFile(out, to, (f) => ({ ...f, enums: [...f.enums, moved] }));
      },
  ),
  // Copy an enum into another file: the later declaration is a duplicate (an error in that file only,
  // found by a walk over the whole table), and removing it again clears the error.
  fc.tuple(fc.nat(2), fc.nat(2)).map(
    ([from, to]): Edit =>
      (p) => {
        const copied = p.files[from]!.enums[0];
        if (copied === undefined) return p;
        if (p.files[to]!.enums.includes(copied)) {
          return from === to
            ? p
            : mapFile(p, to, (f) => ({ ...f, enums: f.enums.filter((e) => e !== copied) }));
        }
        return mapFile(p, to, (f) => ({ ...f, enums: [...f.enums, copied] }));
      },
  ),
  // Rename a prompt: the index lists it by name (the index's unit reads names, not bodies).
  fc.tuple(fc.nat(2), fc.constantFrom("renamed", "other")).map(
    ([i, to]): Edit =>
      (p) =>
        mapFile(p, i, (f) => ({
          ...f,
          prompts: f.prompts.map((pr, k) => (k === 0 ? { ...pr, name: `${to}_${i}` } : pr)),
        })),
  ),
  // Add or remove a prompt.
  fc.tuple(fc.nat(2), fc.boolean()).map(
    ([i, add]): Edit =>
      (p) =>
        mapFile(p, i, (f) =>
          add
            ? {
                ...f,
                prompts: [
                  ...f.prompts,
                  {
                    name: `extra_${i}_${f.prompts.length}`,
                    returns: allEnums(p)[0] ?? "Mood",
                    text: "New",
                    unused: false,
                  },
                ],
              }
            : { ...f, prompts: f.prompts.slice(0, -1) },
        ),
  ),
  // A warning appears or disappears.
  fc.nat(2).map(
    (i): Edit =>
      (p) =>
        mapFile(p, i, (f) => ({ ...f, prompts: f.prompts.map((pr) => ({ ...pr, unused: !pr.unused })) })),
  ),
  // A syntax error appears or disappears.
  fc.constant<Edit>((p) => ({ ...p, broken: !p.broken })),
  // The extension point's body written by hand in generated/ (or put back to the stub).
  fc.constantFrom<Edit>(
    (p) => ({ ...p, body: '  return "shape " + task;' }),
    (p) => ({ ...p, body: undefined }),
  ),
  // generated/ changed by hand: a file deleted, or edited.
  fc.constantFrom<Edit>(
    (p) => ({ ...p, tamper: "delete" }),
    (p) => ({ ...p, tamper: "edit" }),
  ),
  // The members of every enum: prompts elsewhere that return one get another output type.
  fc.constant<Edit>((p) => ({ ...p, gamma: !p.gamma })),
  // Nothing at all: the recorded build answers.
  fc.constant<Edit>((p) => p),
);

function writeProject(dir: string, p: Project, before: Project | undefined): void {
  for (let i = 0; i < p.files.length; i++) writeFile(dir, `marrow/f${i}.marrow`, render(p, i));
  const generated = tree(dir, "generated");
  if (p.tamper === "delete") rmSync(join(dir, "generated/f2.ts"), { force: true });
  if (p.tamper === "edit" && generated["generated/f2.ts"] !== undefined)
    writeFile(dir, "generated/f2.ts", `${generated["generated/f2.ts"]}// edited\n`);
  if (p.body !== before?.body && p.body !== undefined) {
    const path = join(dir, "generated/f1.extensions.ts");
    try {
      const text = tree(dir, "generated")["generated/f1.extensions.ts"];
      if (text !== undefined) {
        const written = text.replace(
          /(\/\/ marrowc:begin shape\n)[\s\S]*?(\n\/\/ marrowc:end shape)/,
          `$1${p.body}$2`,
        );
        writeFile(dir, "generated/f1.extensions.ts", written);
      }
    } catch {
      rmSync(path, { force: true });
    }
  }
}

describe("marrowc build with its cache", () => {
  it("gives what a clean build gives after every edit of a random sequence", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
        const cached = project({});
        const clean = project({});
        let state = START;
        writeProject(cached, state, undefined);
        writeProject(clean, state, undefined);
        for (const step of [(p: Project) => p, ...edits]) {
          const { tamper: _, ...untampered } = state;
          const next = step(untampered);
          writeProject(cached, next, state);
          writeProject(clean, next, state);
          state = next;
          const a = await run(cached, ["build"]);
          const b = await run(clean, ["build", "--no-cache"]);
          expect(a.stderr).toBe(b.stderr);
          expect(a.code).toBe(b.code);
          expect(tree(cached, "generated")).toEqual(tree(clean, "generated"));
        }
      }),
      { numRuns: 25 },
    );
  });
});
