/**
 * The format scanners in the order they run. Special-token and tag formats come first (the most
 * specific before the more general: XML bodies before `<tool_call>` JSON); weak formats (plain JSON,
 * pythonic lists, YAML) run last, on what the others left.
 */
import type { Scanner } from "../types.ts";
import { deepseekScanner } from "./deepseek.ts";
import { functionaryScanner } from "./functionary.ts";
import { gemmaScanner } from "./gemma.ts";
import { glmScanner } from "./glm.ts";
import { harmonyScanner } from "./harmony.ts";
import { hermesScanner } from "./hermes.ts";
import { jsonTextScanner } from "./json-text.ts";
import { kimiScanner } from "./kimi.ts";
import { lfm2Scanner } from "./lfm2.ts";
import { llamaScanner } from "./llama.ts";
import { mistralScanner } from "./mistral.ts";
import { phi4Scanner } from "./phi4.ts";
import { pythonicScanner } from "./pythonic.ts";
import { qwen3CoderScanner, xmlInvokeScanner } from "./qwen3-coder.ts";
import { commandRScanner, graniteScanner, internlmScanner } from "./token-json.ts";
import { yamlScanner } from "./yaml.ts";

export { nativeCandidates } from "./native.ts";

/** All text scanners, strongest signal first. */
export const SCANNERS: readonly Scanner[] = [
  harmonyScanner,
  kimiScanner,
  deepseekScanner,
  lfm2Scanner,
  graniteScanner,
  commandRScanner,
  internlmScanner,
  mistralScanner,
  llamaScanner,
  phi4Scanner,
  qwen3CoderScanner,
  xmlInvokeScanner,
  glmScanner,
  hermesScanner,
  gemmaScanner,
  functionaryScanner,
  jsonTextScanner,
  pythonicScanner,
  yamlScanner,
];
