/**
 * `node bench/cli.ts …` runs `smallcode bench …` before the smallcode bin dispatches to it, e.g.
 * `node bench/cli.ts --suite smoke --sim 7b` (`npm run bench:smoke`).
 */
import { benchCommand } from "./command.ts";

process.exitCode = await benchCommand(process.argv.slice(2));
