import { describe, expect, it } from "vitest";
import { embeddedIPv4, nonPublicReason } from "../../cli/smallcode/web/address.ts";

describe("nonPublicReason", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.5",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:169.254.169.254",
    "64:ff9b::a9fe:a9fe",
    "2002:7f00:1::",
    "2001:db8::1",
  ])("refuses %s", (address) => {
    expect(nonPublicReason(address)).toMatch(/not a public address/);
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => {
      expect(nonPublicReason(address)).toBeUndefined();
    },
  );

  it("reads the IPv4 address inside IPv6 forms", () => {
    expect(embeddedIPv4("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(embeddedIPv4("64:ff9b::0a01:0203")).toBe("10.1.2.3");
    expect(embeddedIPv4("2002:0a01:0203::1")).toBe("10.1.2.3");
    expect(embeddedIPv4("2606:4700::1")).toBeUndefined();
    expect(nonPublicReason("example.com")).toMatch(/not an IP address/);
  });
});
