import { describe, expect, it } from "vitest";
import { MINIMUM_NODE, retryCommand, supportsNode } from "../../cli/shared/node-version.js";

describe("cli/shared/node-version.js", () => {
  it("accepts the Node.js versions with type stripping on by default, and no older", () => {
    expect(MINIMUM_NODE).toBe("22.18");
    for (const v of ["22.18.0", "22.20.1", "23.6.0", "24.0.0", "26.1.0"])
      expect(supportsNode(v), v).toBe(true);
    for (const v of ["20.20.2", "22.12.0", "22.17.9", "23.5.0", "18.0.0"])
      expect(supportsNode(v), v).toBe(false);
  });

  it("gives a command a POSIX shell runs as the same invocation on Node.js 24", () => {
    expect(retryCommand(["/usr/bin/node", "/opt/bin/smallcode", "run", "it's $HOME", "--json"])).toBe(
      "npx -y -p node@24 -- node /opt/bin/smallcode run 'it'\\''s $HOME' --json",
    );
    expect(retryCommand(["node", "/my dir/marrowc"])).toBe("npx -y -p node@24 -- node '/my dir/marrowc'");
  });
});
