import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bearerOf, hostAllowed, isLoopbackHost, originAllowed, tokenMatches } from "../../src/surfaces/mcp/guard.js";

describe("DNS rebinding and token checks", () => {
  const policy = { host: "127.0.0.1", port: 8787, allowedHosts: ["mcp.internal"], allowedOrigins: ["https://app.example.com"] };

  it("accepts loopback names, the bound address and configured hosts, with or without the port", () => {
    for (const h of ["localhost:8787", "127.0.0.1:8787", "[::1]:8787", "localhost", "LOCALHOST:8787", "mcp.internal", "mcp.internal:8787"]) {
      assert.equal(hostAllowed(h, policy), true, h);
    }
  });

  it("refuses other hosts, other ports and a missing Host", () => {
    for (const h of ["evil.example:8787", "evil.example", "localhost:9999", "127.0.0.2:8787", "", undefined]) {
      assert.equal(hostAllowed(h, policy), false, String(h));
    }
  });

  it("accepts a specific bound address but not a wildcard as a Host value", () => {
    assert.equal(hostAllowed("192.168.1.5:8787", { host: "192.168.1.5", port: 8787 }), true);
    assert.equal(hostAllowed("0.0.0.0:8787", { host: "0.0.0.0", port: 8787 }), false);
  });

  it("passes requests without an Origin, loopback and configured origins; refuses others and null", () => {
    assert.equal(originAllowed(undefined, policy), true);
    assert.equal(originAllowed("http://localhost:6274", policy), true);
    assert.equal(originAllowed("https://app.example.com", policy), true);
    assert.equal(originAllowed("https://app.example.com.evil.example", policy), false);
    assert.equal(originAllowed("https://evil.example", policy), false);
    assert.equal(originAllowed("null", policy), false);
    assert.equal(originAllowed("file:///x", policy), false);
  });

  it("knows loopback addresses", () => {
    for (const h of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"]) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "example.com"]) assert.equal(isLoopbackHost(h), false, h);
  });

  it("reads bearer tokens and compares them exactly", () => {
    assert.equal(bearerOf("Bearer abc"), "abc");
    assert.equal(bearerOf("bearer abc "), "abc");
    assert.equal(bearerOf("Basic abc"), undefined);
    assert.equal(tokenMatches("abc", "abc"), true);
    assert.equal(tokenMatches("abd", "abc"), false);
    assert.equal(tokenMatches("", "abc"), false);
    assert.equal(tokenMatches(undefined, "abc"), false);
  });
});
