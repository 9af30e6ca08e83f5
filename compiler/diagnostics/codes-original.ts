import { defineCodes } from "./catalog.ts";

/**
 * MRW21xx: warnings for the original MarrowScript grammar, whose files must compile here unchanged.
 * Each is reported by one rule in compiler/check/rules; none is ever an error.
 */
export const originalCodes = defineCodes({
  MRW2100: {
    severity: "warning",
    title: "field of the original grammar has no effect",
    explanation: `The original MarrowScript compiler generated a whole backend, and some of its fields mean
nothing to SmallCode's runtime: model \`quant\` and \`vram_mb\`, router \`observe\` and \`policy\`, prompt
\`idempotent\`, \`promptbook\`/\`with\`, \`stream\`, \`version\`, \`shadow\` and \`loop\`, extension point
\`language\`, entity \`constraints\` and \`states\`, policy \`encryption\`, \`validate: ast_compiles\`, a
prompt's \`tools:\` entries that name a \`capability\`, and calls such as \`now()\` in a constraint (that
constraint is then not checked at run time). marrowc parses them, keeps them in the syntax tree
(so \`marrowc fmt\` prints them back) and warns once per field and file; the build goes on.

Example:
  prompt classify(text: string) {
    model: Tiny
    template: "{{text}}"
    idempotent: true          // warning: \`idempotent\` has no effect in SmallCode
  }

Fix: nothing is required. Remove the field to silence the warning, or keep it as documentation for a
file that is also compiled by the original compiler.`,
  },
  MRW2101: {
    severity: "warning",
    title: "router input is not a parameter of the prompt",
    explanation: `A router's \`by: input.NAME\` reads a parameter of each prompt that uses it. The original
compiler accepted prompts without that parameter; here such a prompt always takes the router's last tier,
since a missing value takes the last tier at run time.

Example:
  router by_size { by: input.complexity  tier short { max: 0.4 -> Tiny }  tier long { -> Small } }
  prompt summarize(body: string) { router: by_size  template: "{{body}}" }   // warning: always \`long\`

Fix: add the parameter (\`complexity: float\`) to the prompt, or use \`model:\` instead of the router.`,
  },
  MRW2102: {
    severity: "warning",
    title: "prompt parameter not passed to its extension point",
    explanation: `A prompt whose template is \`"extension_point:NAME"\` has a parameter that the extension point
does not declare. The original compiler allowed this; here the function still receives the whole input,
but its declared type does not mention the parameter, so it cannot use it without a cast.

Example:
  extension_point tmpl(body: string) { returns: string }
  prompt p(body: string, complexity: float) { router: r  template: "extension_point:tmpl" }  // warning

Fix: add the parameter to the extension point (same name and type), or remove it from the prompt.`,
  },
});
