import { packageVersion } from "../../../shared/process.ts";
import type { SlashCommand } from "./types.ts";

/** `/version`: SmallCode's version and the Node.js it runs on. */
export const version: SlashCommand = {
  name: "version",
  usage: "/version",
  description: "show the SmallCode version",
  run(ctx) {
    ctx.say(`smallcode ${packageVersion()} (Node.js ${process.versions.node})`);
  },
};
