import {
  factLine,
  forget,
  listFacts,
  MemoryError,
  type MemoryPlaces,
  projectMemoryPath,
  recall,
} from "../../memory/index.ts";
import { inert } from "../stream-filter.ts";
import type { CommandContext, SlashCommand } from "./types.ts";

/** Facts `/memory` lists or finds at most. */
const SHOWN = 30;

function placesOf(ctx: CommandContext): MemoryPlaces {
  const dir = ctx.agentOptions.knowledge?.userDataDir;
  return { cwd: ctx.cwd, ...(dir ? { userDataDir: dir } : {}) };
}

function errorsOf(errors: readonly MemoryError[]): string[] {
  return errors.map((e) => `error: ${inert(e.format())}`);
}

/**
 * `/memory [search WORDS | forget ID]`: the facts kept across tasks (project and user stores, and the
 * outcomes of earlier tasks), newest first; or those matching WORDS, best first; or forget one.
 */
export const memory: SlashCommand = {
  name: "memory",
  usage: "/memory [search WORDS | forget ID]",
  description: "list remembered facts and task outcomes, search them, or forget one",
  takesArgument: true,
  run(ctx, arg) {
    const places = placesOf(ctx);
    const [verb = "", ...rest] = arg.trim().split(/\s+/);
    const words = rest.join(" ");
    try {
      if (verb === "forget") {
        if (words === "") return ctx.say("usage: /memory forget ID (the ids are in /memory)");
        const gone = forget(places, words);
        ctx.say(
          gone ? `forgot ${inert(factLine(gone))}` : `no fact with id ${inert(words)}; /memory lists them`,
        );
        return;
      }
      if (verb === "search" || (verb !== "" && verb !== "list")) {
        const query = verb === "search" ? words : arg;
        const found = recall(places, query, SHOWN);
        const lines = found.items.map((f) => `  ${inert(factLine(f))}`);
        ctx.say(
          [
            lines.length === 0
              ? `nothing remembered about ${inert(query)}`
              : `best matches for ${inert(query)}:`,
            ...lines,
            ...errorsOf(found.errors),
          ].join("\n"),
        );
        return;
      }
      const found = listFacts(places, SHOWN);
      const lines = found.items.map((f) => `  ${inert(factLine(f))}`);
      const head =
        lines.length === 0
          ? `nothing remembered yet (${projectMemoryPath(".").slice(2)}${places.userDataDir ? ` and ${places.userDataDir}/memory.db` : ""})`
          : `${lines.length} newest facts (forget one with /memory forget ID):`;
      ctx.say([head, ...lines, ...errorsOf(found.errors)].join("\n"));
    } catch (error) {
      if (!(error instanceof MemoryError)) throw error;
      ctx.say(`error: ${inert(error.format())}`);
    }
  },
};
