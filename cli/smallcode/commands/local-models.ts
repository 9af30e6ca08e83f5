import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedConfig } from "../config/index.ts";
import { effectiveWindow } from "../endpoint/index.ts";
import type { SessionIo } from "../io.ts";
import { modelsDir } from "../models/catalog.ts";
import { type EmbeddedReady, openEmbedded } from "../models/embedded.ts";
import type { LocalModels } from "../repl/core.ts";
import { activateEmbedded } from "./prepare-embedded.ts";

/**
 * `/model` in a session with no server: the GGUF files of the user's model cache, and switching the
 * in-process model to one of them. The model running is unloaded before the next one loads, so two
 * never share the memory; the runtime then serves every declared model from the new file.
 */

/** The user's model cache as `/model` sees it, starting from the model `first` that runs now. */
export function localModels(first: EmbeddedReady, config: ResolvedConfig, io: SessionIo): LocalModels {
  const dir = modelsDir(io.env);
  let current = first;
  return {
    dir,
    get current() {
      return current.name;
    },
    list: () => cachedModels(dir),
    async use(name) {
      // the new file's metadata first: a file that is no model leaves the running one alone
      const next = await openEmbedded(join(dir, `${name}.gguf`), "/model", config, io);
      const previous = current;
      await previous.client.close();
      try {
        await activateEmbedded(next, io.signal);
      } catch (error) {
        await next.client.close();
        await activateEmbedded(previous, io.signal); // its client loads the file again on first use
        throw error;
      }
      current = next;
      const window = effectiveWindow(next.info.trainContextSize, config.values.context_window?.value);
      return { name: next.name, ...(window !== undefined ? { window } : {}) };
    },
  };
}

/** Model names (file names without `.gguf`) of the plain files in `dir`, sorted; none when it is missing. */
function cachedModels(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.gguf$/i.test(n) && isPlainFile(join(dir, n)))
    .map((n) => n.replace(/\.gguf$/i, ""))
    .sort();
}

const isPlainFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};
