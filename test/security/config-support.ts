import type { Script, ScriptedReply } from "../../cli/testkit/scripted-server.ts";
import { tempDir, writeFile } from "../cli/smallcode/helpers.ts";
import { agentScript } from "../support/agent-script.ts";

/**
 * Shared setup of the configuration and secrets attacks: a hostile project (files of a cloned
 * repository), a user with a HOME of their own (a config file, environment variables) and scripts
 * for the scripted model servers.
 */

/** The model name every scripted server lists. */
export const MODEL = "m";

/**
 * A script for one task: classify (as `chat`, so a reply without changes can succeed), pick, then the
 * act replies in order (the last repeats).
 */
export function taskScript(
  act: readonly (string | ScriptedReply)[],
  extra: Partial<Script> = {},
  classify = "chat",
): Script {
  const script = agentScript({
    act,
    classify: { content: classify },
    pick: { content: '["read", "write", "run"]' },
  });
  return { ...script, models: [MODEL], ...extra };
}

/** A user: an empty HOME with `config` as `~/.config/smallcode/config.toml`, and environment variables. */
export function user(config?: string, vars: Record<string, string> = {}): Record<string, string> {
  const home = tempDir();
  if (config !== undefined) writeFile(home, ".config/smallcode/config.toml", config);
  return { HOME: home, ...vars };
}

/** A line that trusts `dir` in a user config. */
export function trusting(dir: string): string {
  return `[trust]\nprojects = [${JSON.stringify(dir)}]\n`;
}
