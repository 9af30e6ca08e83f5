// Which Node.js can run SmallCode: the CLIs are TypeScript run through Node's built-in type stripping,
// on by default from 22.18 (22.x), 23.6 and 24. Plain JavaScript, so that an older Node can load it and
// say so clearly. Types: node-version.d.ts.

/** True when `version` (default: this process's) runs TypeScript through type stripping by default. */
export function runsTypeScript(version = process.versions.node) {
  const [major, minor] = version.split(".").map(Number);
  return major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
}

/** Exits with code 2 and a clear message when this Node.js cannot run `tool`. */
export function exitUnlessNodeRunsTypeScript(tool) {
  if (runsTypeScript()) return;
  process.stderr.write(
    `${tool}: Node.js ${process.versions.node} is too old; ${tool} needs Node.js 22.18 or newer ` +
      "(it runs TypeScript through Node's built-in type stripping).\n",
  );
  process.exit(2);
}
