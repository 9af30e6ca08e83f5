/**
 * Stands in for cli/smallcode/commands/bench.ts in the built package (cli/build/build.ts): the
 * benchmark needs bench/ (tasks, seeds, hidden tests, the simulated model), which only a source
 * checkout has.
 */

/** `smallcode bench …` in an installed package: says where the benchmark runs; exit code 2. */
export async function benchCommand(_argv: string[]): Promise<number> {
  process.stderr.write(
    "smallcode bench: the benchmark is not part of the installed package; it runs from a source checkout " +
      "of SmallCode: clone the repository, then `npm ci && npx smallcode bench --suite smoke --sim 7b`\n",
  );
  return 2;
}
