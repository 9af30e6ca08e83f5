/**
 * Runs the scripted OpenAI-compatible server from the command line:
 *
 *   node cli/testkit/scripted-server-cli.ts [--port 0] [--script script.json] [--log requests.jsonl]
 *
 * Prints `listening http://127.0.0.1:PORT/v1` on stdout once ready, then serves until SIGINT/SIGTERM.
 * The script file is a JSON `Script` (see scripted-server.ts, docs/scripted-server.md and the example
 * docs/replies.example.json), checked when read; without one every request gets `fallback` "ok".
 * `--log` appends every recorded request (headers and body) as one JSON line.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkScript } from "./script-check.ts";
import { type Script, startScriptedServer } from "./scripted-server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    script: { type: "string" },
    log: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  process.stdout.write(
    "usage: node cli/testkit/scripted-server-cli.ts [--port N] [--script file.json] [--log file.jsonl]\n",
  );
  process.exit(0);
}

let script: Script = { fallback: { content: "ok" } };
if (values.script) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.script, "utf8"));
  } catch (error) {
    process.stderr.write(
      `scripted-server: cannot read script ${values.script}: ${(error as Error).message}\n`,
    );
    process.exit(2);
  }
  const checked = checkScript(raw);
  if (!checked.ok) {
    process.stderr.write(
      `scripted-server: ${values.script} is not a valid script (see docs/scripted-server.md):\n` +
        checked.problems.map((p) => `  ${p}\n`).join(""),
    );
    process.exit(2);
  }
  script = checked.script;
}

const server = await startScriptedServer(script, { port: Number(values.port) });
if (values.log) {
  const log = values.log;
  const push = server.requests.push.bind(server.requests);
  server.requests.push = (...items) => {
    for (const item of items) appendFileSync(log, `${JSON.stringify(item)}\n`);
    return push(...items);
  };
}
process.stdout.write(`listening ${server.url}\n`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
