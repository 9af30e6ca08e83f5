import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { GgufFileInfo } from "node-llama-cpp";
import { ConfigError } from "../errors.ts";

/**
 * A GGUF file's facts, read from its header and metadata without loading the weights. Every failure
 * is a `ConfigError` naming the file and the setting that chose it.
 */

/** What the metadata says about a model file. */
export interface FileFacts {
  readonly file: string;
  readonly architecture: string;
  readonly name: string;
  readonly quantisation: string;
  readonly fileType: number | undefined;
  readonly trainContextSize: number;
  readonly sizeBytes: number;
  readonly chatTemplate: boolean;
  /** The parsed header, for memory estimates. */
  readonly info: GgufFileInfo;
}

const HINT = "pass --model-file PATH with a GGUF model file, or fix the model's model_file";

/** The file type's quantisation name (`MOSTLY_Q4_K_M` → `Q4_K_M`), or `unknown`. */
export function quantisationName(
  fileType: number | undefined,
  names: Readonly<Record<number, string>>,
): string {
  if (fileType === undefined) return "unknown";
  const name = names[fileType];
  return name ? name.replace(/^(MOSTLY|ALL)_/, "") : `file type ${fileType}`;
}

/** Checks that `file` is a readable GGUF file (by its magic bytes), returning its size. */
export async function checkGguf(file: string): Promise<number> {
  let size: number;
  try {
    const found = await stat(file);
    if (!found.isFile()) throw new ConfigError(`model file ${file} is not a regular file; ${HINT}`);
    size = found.size;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const what =
      code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError(`model file ${file} ${what}; ${HINT}`, {}, error);
  }
  const handle = await open(file, "r").catch((error: unknown) => {
    throw new ConfigError(
      `model file ${file} cannot be opened (${(error as Error).message}); ${HINT}`,
      {},
      error,
    );
  });
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await handle.read(magic, 0, 4, 0);
    if (bytesRead < 4 || magic.toString("latin1") !== "GGUF") {
      throw new ConfigError(
        `model file ${file} is not a GGUF file (it does not start with the GGUF signature); ${HINT}`,
      );
    }
  } finally {
    await handle.close();
  }
  return size;
}

/** Reads the facts of a GGUF file. @throws ConfigError when it is missing, not GGUF, or unreadable */
export async function readFacts(file: string): Promise<FileFacts> {
  const sizeBytes = await checkGguf(file);
  const lib = await import("node-llama-cpp");
  let info: GgufFileInfo;
  try {
    info = await lib.readGgufFileInfo(file, { readTensorInfo: true, logWarnings: false });
  } catch (error) {
    throw new ConfigError(
      `model file ${file} has an unreadable GGUF header (${(error as Error).message}); ${HINT}`,
      {},
      error,
    );
  }
  const general = info.metadata.general;
  const architecture = String(general?.architecture ?? "unknown");
  const arch = (info.metadata as unknown as Record<string, { context_length?: number } | undefined>)[
    architecture
  ];
  const fileType = typeof general?.file_type === "number" ? general.file_type : undefined;
  const tokenizer = info.metadata.tokenizer as { chat_template?: unknown } | undefined;
  return {
    file,
    architecture,
    name: typeof general?.name === "string" && general.name !== "" ? general.name : basename(file),
    quantisation: quantisationName(fileType, lib.GgufFileType as unknown as Record<number, string>),
    fileType,
    trainContextSize: Number(arch?.context_length ?? 0),
    sizeBytes,
    chatTemplate: typeof tokenizer?.chat_template === "string" && tokenizer.chat_template !== "",
    info,
  };
}
