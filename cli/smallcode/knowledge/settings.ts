import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where the user's knowledge lives, and what is on. The CLI fills the folders from the environment
 * (XDG); the programmatic API reads the project's knowledge only unless the embedder names them.
 */

/** Skills, knowledge notes and memory settings (`SmallCodeOptions.knowledge`). */
export type { KnowledgeSettings } from "../contract/options.ts";

/** The user's folders for an environment (XDG, else under HOME). */
export function userKnowledgeDirs(env: Readonly<Record<string, string | undefined>>): {
  userConfigDir: string;
  userDataDir: string;
} {
  const home = env.HOME || homedir();
  const xdg = (name: string, fallback: string) => {
    const v = env[name];
    return v !== undefined && v !== "" ? v : join(home, fallback);
  };
  return {
    userConfigDir: join(xdg("XDG_CONFIG_HOME", ".config"), "smallcode"),
    userDataDir: join(xdg("XDG_DATA_HOME", join(".local", "share")), "smallcode"),
  };
}
