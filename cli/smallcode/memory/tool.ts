import { type MemoryArgs, memoryParams } from "../../../generated/index.ts";
import { fail, type Tool, type ToolContext, type ToolResult } from "../tools/tool.ts";
import {
  FACT_TYPES,
  type FactType,
  factLine,
  forget,
  listFacts,
  MAX_FACT_CHARS,
  MemoryError,
  type MemoryPlaces,
  recall,
  remember,
  type Scope,
} from "./index.ts";

/** Arguments of `memory`, as declared in marrow/tools.marrow. */
export type { MemoryArgs } from "../../../generated/index.ts";

/** Facts a recall or list shows at most. */
const SHOWN = 8;

/** The stores a tool context reaches. */
export function placesOf(ctx: Pick<ToolContext, "cwd" | "knowledge">): MemoryPlaces {
  const dir = ctx.knowledge?.userDataDir;
  return { cwd: ctx.cwd, ...(dir ? { userDataDir: dir } : {}) };
}

function typeOf(raw: string | undefined): FactType | string {
  const t = (raw ?? "convention").trim().toLowerCase().replace(/s$/, "");
  return (FACT_TYPES as readonly string[]).includes(t) ? (t as FactType) : t;
}

/** What models write for "every project". */
const USER_SCOPES: ReadonlySet<string> = new Set(["user", "global", "all", "everywhere", "home"]);

const ACTIONS = ["remember", "recall", "list", "forget"] as const;
const SYNONYMS: Readonly<Record<string, (typeof ACTIONS)[number]>> = {
  save: "remember",
  add: "remember",
  store: "remember",
  search: "recall",
  find: "recall",
  get: "recall",
  query: "recall",
  show: "list",
  all: "list",
  delete: "forget",
  remove: "forget",
};

/** The action a `memory` call asks for (synonyms such as `save` or `delete` mapped), or undefined. */
export function memoryAction(raw: unknown): (typeof ACTIONS)[number] | undefined {
  if (typeof raw !== "string") return undefined;
  const word = raw.trim().toLowerCase();
  if ((ACTIONS as readonly string[]).includes(word)) return word as (typeof ACTIONS)[number];
  // own keys only: `toString` or `constructor` from a model is no action
  return Object.hasOwn(SYNONYMS, word) ? SYNONYMS[word] : undefined;
}

function run(args: MemoryArgs, ctx: ToolContext): ToolResult {
  const places = placesOf(ctx);
  const action = memoryAction(args.action);
  const text = args.text?.trim() ?? "";
  const warn = (errors: readonly MemoryError[]) =>
    errors.length === 0 ? "" : `\n(${errors.map((e) => e.format()).join("; ")})`;
  switch (action) {
    case "remember": {
      if (text === "") return fail("remember needs `text`: the fact, in one sentence");
      if (text.length > MAX_FACT_CHARS)
        return fail(`a fact is at most ${MAX_FACT_CHARS} characters; say it shorter`);
      const type = typeOf(args.type);
      if (!(FACT_TYPES as readonly string[]).includes(type))
        return fail(
          `\`type\` must be one of ${FACT_TYPES.join(", ")}, not \`${String(args.type).slice(0, 40)}\``,
        );
      const scope: Scope = USER_SCOPES.has(args.scope?.trim().toLowerCase() ?? "") ? "user" : "project";
      const { fact, merged } = remember(places, scope, type as FactType, text);
      return {
        ok: true,
        output: merged
          ? `already remembered as ${fact.id}; refreshed it with your wording`
          : `remembered as ${fact.id} (${fact.type}, ${scope})`,
      };
    }
    case "recall": {
      if (text === "") return fail("recall needs `text`: words to look for (or use action list)");
      const found = recall(places, text, SHOWN, { types: FACT_TYPES });
      if (found.items.length === 0)
        return { ok: true, output: `nothing remembered about that${warn(found.errors)}` };
      return { ok: true, output: `${found.items.map(factLine).join("\n")}${warn(found.errors)}` };
    }
    case "list": {
      const found = listFacts(places, SHOWN, [...FACT_TYPES]);
      if (found.items.length === 0)
        return { ok: true, output: `no facts remembered yet${warn(found.errors)}` };
      return { ok: true, output: `${found.items.map(factLine).join("\n")}${warn(found.errors)}` };
    }
    case "forget": {
      const id = args.id?.trim() || text;
      if (id === "") return fail("forget needs `id`, e.g. p3 (list shows the ids)");
      const gone = forget(places, id);
      return gone
        ? { ok: true, output: `forgot ${factLine(gone)}` }
        : fail(`no fact with id \`${id.slice(0, 40)}\`; list shows the ids`);
    }
    default:
      return fail(`\`action\` must be one of ${ACTIONS.join(", ")}, not \`${args.action.slice(0, 40)}\``);
  }
}

/**
 * `memory(action, text?, type?, id?, scope?)`: facts kept across tasks — remember, recall, list,
 * forget. A store that cannot be used is a failed result saying what to do, never a throw.
 */
export const memoryTool: Tool<MemoryArgs, ToolResult> = {
  name: "memory",
  params: memoryParams,
  async run(args, ctx) {
    if (ctx.knowledge?.memory === false) return fail("project memory is turned off for this session");
    try {
      return run(args, ctx);
    } catch (error) {
      if (error instanceof MemoryError) return fail(error.format());
      throw error;
    }
  },
};
