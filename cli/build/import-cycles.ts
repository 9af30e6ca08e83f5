// `node cli/build/import-cycles.ts [--graph] [--project TSCONFIG] [FOLDER…]`: fails (exit 1) when folders
// of the source tree import each other in a circle, naming the circle and one import per arrow to cut.
// Part of `npm run lint`. `--graph` also prints the folder import graph (one `from -> to (n)` line per
// arrow); FOLDERs limit the graph to the arrows inside them (default: the whole project).

import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FolderArrow,
  type FolderCycle,
  folderArrows,
  folderCycles,
  type ImportEdge,
  importEdges,
} from "./import-graph.ts";

/**
 * Imports the check leaves out, each with the reason it may point back up. Keep this list short: every
 * entry is a cycle someone decided to live with.
 */
export const ALLOWED_IMPORTS: readonly { from: string; to: string; why: string }[] = [
  {
    from: "cli/smallcode/repl/core.ts",
    to: "cli/smallcode/main.ts",
    why: "the REPL runs `smallcode …` commands in-process (/eval) by a lazy import() of the CLI entry",
  },
];

/**
 * Imports that must not exist at all, whatever the cycles: the product does not import the benchmark
 * or the tests, the benchmark does not import the tests (both share cli/testkit), and smallcode reaches
 * the compiler and marrowc only through cli/shared. `from` and `to` are path prefixes.
 */
export const LAYER_RULES: readonly {
  from: readonly string[];
  to: readonly string[];
  /** Public entries the rule lets through. */
  except?: readonly string[];
  why: string;
}[] = [
  {
    from: ["compiler/", "runtime/", "generated/", "cli/smallcode/", "cli/marrowc/", "cli/shared/"],
    to: ["bench/", "test/", "cli/testkit/"],
    why: "the product does not import the benchmark or test code",
  },
  {
    from: ["bench/"],
    to: ["test/"],
    why: "the benchmark does not import test helpers (shared ones are in cli/testkit)",
  },
  {
    from: ["cli/smallcode/"],
    to: ["compiler/", "cli/marrowc/"],
    except: ["compiler/index.ts", "cli/marrowc/index.ts"],
    why: "smallcode uses the compiler and marrowc through their public entries (index.ts) and cli/shared, not their internals",
  },
];

/** The outcome of one check: the arrows between folders, the circles among them, and imports against a layer rule. */
export interface CycleReport {
  arrows: FolderArrow[];
  cycles: FolderCycle[];
  /** Imports that break a rule of {@link LAYER_RULES}, with the rule's reason. */
  violations: (ImportEdge & { why: string })[];
}

/**
 * Reads the imports of the tsconfig `project` in `root` and reports its folder arrows and cycles,
 * limited to the files under `folders` when any are named.
 */
export function checkImportCycles(
  root: string,
  project = "tsconfig.json",
  folders: readonly string[] = [],
): CycleReport {
  const inside = (file: string): boolean =>
    folders.length === 0 || folders.some((folder) => file.startsWith(`${folder.replace(/\/$/, "")}/`));
  const allowed = (edge: ImportEdge): boolean =>
    ALLOWED_IMPORTS.some((a) => a.from === edge.from && a.to === edge.to);
  const edges = importEdges(root, project).filter(
    (edge) => inside(edge.from) && inside(edge.to) && !allowed(edge),
  );
  const arrows = folderArrows(edges);
  const violations = edges.flatMap((edge) =>
    LAYER_RULES.filter(
      (rule) =>
        rule.from.some((p) => edge.from.startsWith(p)) &&
        rule.to.some((p) => edge.to.startsWith(p)) &&
        !rule.except?.includes(edge.to),
    ).map((rule) => ({ ...edge, why: rule.why })),
  );
  return { arrows, cycles: folderCycles(arrows), violations };
}

/** Formats the cycles with, for each arrow of a cycle, the first import that makes it, then the layer violations. */
export function formatCycles(report: CycleReport): string {
  const lines: string[] = [];
  for (const { folders, loop } of report.cycles) {
    lines.push(`import cycle between folders: ${[...loop, loop[0]].join(" -> ")}`);
    if (folders.length > loop.length)
      lines.push(`  (${folders.length} folders reach each other: ${folders.join(", ")})`);
    loop.forEach((from, i) => {
      const to = loop[(i + 1) % loop.length]!;
      const arrow = report.arrows.find((a) => a.from === from && a.to === to)!;
      const more = arrow.imports.length > 1 ? ` (and ${arrow.imports.length - 1} more)` : "";
      lines.push(`  ${arrow.imports[0]!.from} imports ${arrow.imports[0]!.to}${more}`);
    });
  }
  for (const v of report.violations)
    lines.push(`import against the layers: ${v.from} imports ${v.to} (${v.why})`);
  lines.push(
    "hint: arrows between folders must go one way; move what both sides need (types, helpers) into a " +
      "folder that imports neither, or pass it in as a parameter; LAYER_RULES in cli/build/import-cycles.ts " +
      "says which folders may not import which.",
  );
  return lines.join("\n");
}

/** Runs the command with `args`; returns the exit code (0 no cycle, 1 cycles, 2 bad usage). */
export function importCyclesCommand(args: readonly string[], root = process.cwd()): number {
  let graph = false;
  let project = "tsconfig.json";
  const folders: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--graph") graph = true;
    else if (arg === "--project" && args[i + 1] !== undefined) project = args[++i]!;
    else if (arg.startsWith("-")) {
      process.stderr.write(
        `import-cycles: unknown option ${arg}\nusage: import-cycles [--graph] [--project TSCONFIG] [FOLDER…]\n`,
      );
      return 2;
    } else folders.push(arg);
  }
  const report = checkImportCycles(root, project, folders);
  if (graph) {
    for (const arrow of report.arrows)
      process.stdout.write(`${arrow.from} -> ${arrow.to} (${arrow.imports.length})\n`);
  }
  if (report.cycles.length > 0 || report.violations.length > 0) {
    process.stderr.write(`${formatCycles(report)}\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = importCyclesCommand(process.argv.slice(2));
}
