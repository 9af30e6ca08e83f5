import type { TaskType } from "../../../generated/index.ts";

/**
 * What the words of a task say, without a model: the keyword rules behind the classifier's fallback
 * (agent/classify.ts) and the "does this task ask for changes" test that guards and the verdict share.
 */

/** Keyword rules, tried in order; the first match wins. */
const RULES: readonly (readonly [TaskType, RegExp])[] = [
  [
    "testing",
    /\b(write|add|create|more|missing|unit|integration)\s+(unit\s+)?tests?\b|\btests? for\b|\btest coverage\b/i,
  ],
  [
    "debugging",
    /\b(fix|bug|bugs|crash|crashes|error|errors|fail|fails|failing|failed|broken|exception|traceback|regression|not working|doesn'?t work|wrong)\b/i,
  ],
  ["search", /\b(where|find|locate|search|grep|look for|which files?|list all)\b/i],
  [
    "refactor",
    /\b(refactor|rename|extract|clean ?up|reorgani[sz]e|restructure|simplify|deduplicate|move)\b/i,
  ],
  [
    "explain",
    /\b(explain|what does|what is|what are|how does|how do|why does|why is|describe|walk me through)\b/i,
  ],
  ["editing", /\b(change|update|edit|replace|modify|tweak|bump|remove|delete|adjust|set)\b/i],
  ["coding", /\b(add|implement|create|write|build|make|support|generate|new)\b/i],
  ["chat", /^\s*(hi|hello|hey|thanks|thank you|ok|okay)\b/i],
];

/** The task type keyword rules give `task` (`coding` when nothing matches; `explain` for a bare question). */
export function fallbackTaskType(task: string): TaskType {
  for (const [type, pattern] of RULES) if (pattern.test(task)) return type;
  return task.trim().endsWith("?") ? "explain" : "coding";
}

/** Change verbs, at the start of a clause or after a polite lead-in ("please", "can you"). */
const IMPERATIVE =
  /(?:^|[.!?;:,\n]\s*|\b(?:please|can you|could you|would you|will you|i need you to|i want you to|go ahead and|now)\s+)(?:fix|add|implement|change|rename|create|write|update|remove|delete|refactor|make|move|replace|convert|migrate|edit|bump|set|install|upgrade|extract|insert|append|patch|correct|modify|rewrite)\b/i;

/** Files and things in code a change can be about. */
const CODE_NOUN =
  /\b[\w./-]+\.(?:py|js|mjs|cjs|ts|tsx|jsx|json|jsonc|md|sh|bash|toml|ya?ml|ini|cfg|conf|txt|html|css|go|rs|java|kt|c|h|cc|cpp|hpp|rb|php|sql|mk|csv|xml|env|lock)\b|\b(?:Makefile|Dockerfile|README|CHANGELOG|files?|functions?|methods?|class(?:es)?|flags?|options?|arguments?|parameters?|tests?|code|scripts?|modules?|variables?|constants?|config(?:uration)?|settings?|endpoints?|bugs?|errors?|imports?|packages?|dependenc(?:y|ies)|versions?|fields?|propert(?:y|ies)|types?|interfaces?|components?|routes?|handlers?|commands?|docs?|documentation|comments?|lines?|ports?|defaults?|parser|cli|api|helpers?|logic|tables?|schema|columns?|messages?)\b/i;

/** Whether `task` plainly asks for changes: an imperative change verb and a file or code noun. */
export function asksForChanges(task: string): boolean {
  return IMPERATIVE.test(task.trim()) && CODE_NOUN.test(task);
}
