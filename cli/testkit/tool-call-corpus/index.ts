/** The whole corpus, in report order. */
import { GLM_CASES } from "./glm.ts";
import { HARMONY_GEMMA_CASES } from "./harmony-gemma.ts";
import { HERMES_CASES } from "./hermes.ts";
import { JSON_CASES } from "./json.ts";
import { LLAMA_CASES } from "./llama.ts";
import { MISTRAL_CASES } from "./mistral.ts";
import { NATIVE_CASES } from "./native.ts";
import { NEGATIVE_CASES } from "./negatives.ts";
import { PYTHONIC_CASES } from "./pythonic.ts";
import { QWEN3_CODER_CASES } from "./qwen3-coder.ts";
import { REAL_MODEL_CASES } from "./real-models.ts";
import { SPECIAL_TOKEN_CASES } from "./special-tokens.ts";
import type { CorpusCase } from "./types.ts";
import { WIDER_A_CASES } from "./wider-a.ts";
import { WIDER_B_CASES } from "./wider-b.ts";
import { WIDER_MESSY_CASES } from "./wider-messy.ts";
import { YAML_CASES } from "./yaml.ts";

export type { CorpusCase } from "./types.ts";

/** Every corpus case. */
export const CORPUS: readonly CorpusCase[] = [
  ...NATIVE_CASES,
  ...HERMES_CASES,
  ...QWEN3_CODER_CASES,
  ...GLM_CASES,
  ...MISTRAL_CASES,
  ...LLAMA_CASES,
  ...PYTHONIC_CASES,
  ...SPECIAL_TOKEN_CASES,
  ...HARMONY_GEMMA_CASES,
  ...JSON_CASES,
  ...YAML_CASES,
  ...WIDER_A_CASES,
  ...WIDER_B_CASES,
  ...WIDER_MESSY_CASES,
  ...NEGATIVE_CASES,
  ...REAL_MODEL_CASES,
];
