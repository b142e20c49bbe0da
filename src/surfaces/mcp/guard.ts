import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { networkInterfaces } from "node:os";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** True for addresses only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === "::ffff:127.0.0.1";
}

/** A fresh bearer token: 32 random bytes, base64url. */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Compares a presented token with the expected one in constant time (hashing first equalizes lengths). */
export function tokenMatches(presented: string | undefined | null, expected: string): boolean {
  if (!presented) return false;
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerOf(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

export interface RebindingPolicy {
  /** The bound address and port (the Host header may name them). */
  host: string;
  port: number;
  /** Extra Host header values to accept (`name`, with or without the port), e.g. a LAN name when bound to 0.0.0.0. */
  allowedHosts?: string[];
  /** Browser origins allowed to call, e.g. `https://app.example.com`; loopback origins are always allowed. */
  allowedOrigins?: string[];
}

/**
 * Host header check against DNS rebinding: a page on `evil.example` that re-points its name at
 * 127.0.0.1 still sends `Host: evil.example`, so only loopback names, the bound address and
 * configured names are accepted (with or without the port).
 */
export function hostAllowed(hostHeader: string | null | undefined, policy: RebindingPolicy): boolean {
  if (!hostHeader) return false;
  const value = hostHeader.toLowerCase();
  const bound = policy.host.includes(":") && !policy.host.startsWith("[") ? `[${policy.host}]` : policy.host;
  const names = [...LOOPBACK_NAMES, ...(isWildcard(policy.host) ? [] : [bound.toLowerCase()])];
  const accepted = new Set<string>();
  for (const name of names) {
    accepted.add(name);
    accepted.add(`${name}:${policy.port}`);
  }
  for (const extra of policy.allowedHosts ?? []) {
    accepted.add(extra.toLowerCase());
    accepted.add(`${extra.toLowerCase()}:${policy.port}`);
  }
  return accepted.has(value);
}

/**
 * Origin check: requests without an Origin (non-browser clients) pass; a browser origin must be
 * loopback or configured. `null` origins (sandboxed frames, files) are refused.
 */
export function originAllowed(origin: string | null | undefined, policy: RebindingPolicy): boolean {
  if (origin === undefined || origin === null || origin === "") return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (isLoopbackHost(parsed.hostname)) return true;
  return (policy.allowedOrigins ?? []).some((allowed) => {
    try {
      return new URL(allowed).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}

/** `0.0.0.0` and `::` listen on every interface. */
export function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/** This machine's interface addresses as Host header values (IPv6 in brackets): what a wildcard bind answers on. */
export function interfaceHosts(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined)
    .map((a) => (a.family === "IPv6" ? `[${a.address.split("%")[0]}]` : a.address));
}
