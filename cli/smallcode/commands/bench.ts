import { existsSync } from "node:fs";
import { PACKAGE_ROOT, runsFromSources } from "../../shared/entry.js";

/**
 * `smallcode bench …`: the benchmark (bench/: tasks, seeds, hidden tests, the simulated model) lives in
 * the source checkout only, so SmallCode does not import it: the command is found at run time, next
 * to the sources (bench/command.ts), and an installed package says where the benchmark runs instead.
 */

/** Where the benchmark's command is in a source checkout. */
const BENCH_COMMAND = new URL("bench/command.ts", PACKAGE_ROOT);

/** The benchmark's entry, as bench/command.ts exports it. */
interface BenchModule {
  benchCommand(argv: string[]): Promise<number>;
}

/** Runs `smallcode bench` with `argv`; exit code 2 (and where to run it) when this is not a checkout. */
export async function benchCommand(argv: string[]): Promise<number> {
  // never from an installed package: nothing outside it is run as its benchmark
  if (!runsFromSources() || !existsSync(BENCH_COMMAND)) {
    process.stderr.write(
      "smallcode bench: the benchmark is not part of the installed package; it runs from a source checkout " +
        "of SmallCode: clone the repository, then `npm ci && npx smallcode bench --suite smoke --sim 7b`\n",
    );
    return 2;
  }
  const bench = (await import(BENCH_COMMAND.href)) as BenchModule;
  return bench.benchCommand(argv);
}
