// Which Node.js can run SmallCode: 22.18 or newer (22.x), 23.6 or newer, 24 and later. A source
// checkout needs Node's built-in type stripping (on by default from those versions); the installed
// package, plain JavaScript, needs what they bring too (module.registerHooks, require() of ES modules).
// Plain JavaScript with no dependencies, so that an older Node can load it and say so clearly.
// Types: node-version.d.ts.

/** The oldest Node.js that runs SmallCode, as `major.minor`. */
export const MINIMUM_NODE = "22.18";

/** True when `version` (default: this process's) can run SmallCode. */
export function supportsNode(version = process.versions.node) {
  const [major, minor] = version.split(".").map(Number);
  return major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
}

/** `arg` as one POSIX shell word. */
function shellWord(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * The command that runs the same invocation (`argv`: node, script, args…) with Node.js 24 from the
 * npm registry, whatever Node is installed: npx puts that node first on PATH.
 */
export function retryCommand(argv = process.argv) {
  return ["npx", "-y", "-p", "node@24", "--", "node", ...argv.slice(1)].map(shellWord).join(" ");
}

/** Exits with code 2 and a message giving the exact command that fixes it when this Node.js cannot run `tool`. */
export function exitUnlessSupportedNode(tool) {
  if (supportsNode()) return;
  process.stderr.write(
    `${tool}: Node.js ${process.versions.node} is too old; ${tool} needs Node.js ${MINIMUM_NODE} or newer.\n` +
      `Run it with Node.js 24 from the npm registry:\n  ${retryCommand()}\n` +
      "or install Node.js 24 for good (https://nodejs.org/en/download, or `nvm install 24` with nvm).\n",
  );
  process.exit(2);
}
