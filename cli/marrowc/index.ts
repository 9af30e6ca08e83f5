/**
 * What `marrowc` offers other programs: `smallcode eval` runs SmallCode's own evaluations through the
 * same `marrowc test` command. Import marrowc from here, not from its modules.
 */
export { testCommand } from "./test-command.ts";
