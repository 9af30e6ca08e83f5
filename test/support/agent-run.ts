import { SmallCode, type SmallCodeExtras } from "../../cli/smallcode/api.ts";
import { toolPairProblems } from "../../cli/smallcode/context/index.ts";
import type { AgentEvent, Message, SmallCodeOptions } from "../../cli/smallcode/contract/index.ts";
import { serve } from "../../cli/testkit/make-spec.ts";
import type { RecordedRequest, Script, ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { tempProject } from "./agent-project.ts";

/**
 * One agent end-to-end setup: a scripted OpenAI-compatible server on a real port, a fresh runtime
 * pointed at it, a temporary buggy project, and a `SmallCode` over it that records every event.
 */
export interface AgentHarness {
  readonly server: ScriptedServer;
  readonly project: ReturnType<typeof tempProject>;
  readonly agent: SmallCode;
  readonly events: AgentEvent[];
  /** The `act` requests sent, in order. */
  actRequests(): RecordedRequest[];
  /** Problems with the message-ordering invariant in every act request's history, and in the final one. */
  orderingProblems(): string[];
  close(): Promise<void>;
}

/** The chat history part of an act request (after the system and task messages). */
export function historyOf(request: RecordedRequest): Message[] {
  const messages = (request.body.messages ?? []) as Message[];
  return messages.slice(messages[0]?.role === "system" ? 2 : 1);
}

/**
 * Starts a harness; `options` are passed to `new SmallCode` (cwd, baseUrl and model are filled in).
 * The built-in guards are off unless `extras.builtinGuards` is true, so the loop is tested on its own.
 */
export async function startAgent(
  script: Script,
  options: SmallCodeOptions = {},
  files?: Readonly<Record<string, string>>,
  extras: SmallCodeExtras = { builtinGuards: false },
): Promise<AgentHarness> {
  const server = await serve(script);
  const project = tempProject(files);
  const events: AgentEvent[] = [];
  const agent = new SmallCode(
    {
      cwd: project.root,
      baseUrl: server.url,
      model: "scripted-model",
      maxTimeMs: 60_000,
      onEvent: (e) => events.push(e),
      ...options,
    },
    extras,
  );
  return {
    server,
    project,
    agent,
    events,
    actRequests: () => server.chatRequests("act"),
    orderingProblems: () => [
      ...server
        .chatRequests("act")
        .flatMap((r, i) => toolPairProblems(historyOf(r)).map((p) => `act request ${i}: ${p}`)),
      ...toolPairProblems(agent.history).map((p) => `final history: ${p}`),
    ],
    async close() {
      await server.close();
      project.cleanup();
    },
  };
}
