import type { Field, ModelDecl } from "../../ast.ts";
import { checkCodes } from "../../diagnostics/codes-check.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import type { CheckContext } from "../context.ts";
import { singleName } from "../values.ts";
import { declsOfKind } from "../walk.ts";

/** Keys that only an in-process (`provider: embedded`) model has. */
export const EMBEDDED_KEYS = ["model_file", "source", "threads", "gpu_layers", "grammar"] as const;
/** Keys that only a model reached over HTTP has. */
const SERVER_KEYS = ["endpoint", "api_key"] as const;

/** `hf:OWNER/REPO/FILE.gguf`, the file possibly in a folder of the repository. */
export const HF_SOURCE = /^hf:[A-Za-z0-9][\w.-]*\/[\w.-]+\/(?:[\w.-]+\/)*[\w.-]+\.gguf$/;

/**
 * An embedded model names its weights once and has no server: exactly one of `model_file` and
 * `source` (MRW2025), no `endpoint` or `api_key` (MRW2024), a `source` of the form
 * `hf:OWNER/REPO/FILE.gguf` (MRW2026); a server model has none of the embedded keys (MRW2027).
 */
export function EmbeddedModelsRule(ctx: CheckContext): void {
  for (const { decl } of declsOfKind(ctx.files, "Model")) {
    const provider = decl.fields.find((f) => f.key.name === "provider");
    const name = provider ? singleName(provider.value)?.name : undefined;
    if (name === "embedded") checkEmbedded(ctx, decl);
    else checkServer(ctx, decl, name ?? "openai_compat");
  }
}

function fieldOf(decl: ModelDecl, key: string): Field | undefined {
  return decl.fields.find((f) => f.key.name === key);
}

function checkEmbedded(ctx: CheckContext, decl: ModelDecl): void {
  const model = decl.name.name;
  for (const key of SERVER_KEYS) {
    const field = fieldOf(decl, key);
    if (!field) continue;
    ctx.report(
      diag(
        checkCodes.MRW2024,
        field.key.span,
        `model \`${model}\` runs in process (\`provider: embedded\`) and has no \`${key}\``,
        {
          label: "not for an embedded model",
          hint: "remove it, or use a server provider such as `openai_compat` to reach a model over HTTP",
        },
      ),
    );
  }
  const file = fieldOf(decl, "model_file");
  const source = fieldOf(decl, "source");
  if (file && source) {
    ctx.report(
      diag(
        checkCodes.MRW2025,
        source.key.span,
        `model \`${model}\` gives both \`model_file\` and \`source\``,
        {
          label: "second source of weights",
          hint: "keep `model_file` for a local GGUF file, or `source` for one downloaded on first use",
          related: [{ span: file.key.span, message: "`model_file` given here" }],
        },
      ),
    );
  } else if (!file && !source) {
    ctx.report(
      diag(checkCodes.MRW2025, decl.name.span, `embedded model \`${model}\` names no weights`, {
        label: "needs `model_file` or `source`",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a MarrowScript reference, shown to the user
        hint: 'add `model_file: "${SMALLCODE_MODEL_FILE}"` (a GGUF path) or `source: "hf:OWNER/REPO/FILE.gguf"`',
      }),
    );
  }
  if (source?.value.kind === "String" && !HF_SOURCE.test(source.value.value)) {
    ctx.report(
      diag(
        checkCodes.MRW2026,
        source.value.span,
        `\`source: "${source.value.value}"\` is not a Hugging Face file reference`,
        {
          label: "expected hf:OWNER/REPO/FILE.gguf",
          hint: 'write it like `source: "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"`',
        },
      ),
    );
  }
}

function checkServer(ctx: CheckContext, decl: ModelDecl, provider: string): void {
  for (const key of EMBEDDED_KEYS) {
    const field = fieldOf(decl, key);
    if (!field) continue;
    ctx.report(
      diag(
        checkCodes.MRW2027,
        field.key.span,
        `\`${key}\` is for in-process models, but model \`${decl.name.name}\` is reached over HTTP (\`provider: ${provider}\`)`,
        {
          label: "only with `provider: embedded`",
          hint: "remove it, or declare `provider: embedded` to run the model in process",
        },
      ),
    );
  }
}
