/**
 * Parsing and canonical forms of access-list addresses, via ipaddr.js.
 * A single address is stored as `a.b.c.d/32` or `x::y/128`; a CIDR must be canonical.
 */
import ipaddr from "ipaddr.js";

/** Outcome of parsing one address or CIDR text. */
export type ParsedAddress =
  | { readonly ok: true; readonly cidrBlock: string; readonly ipv6: boolean }
  | { readonly ok: false; readonly reason: "invalid" | "hostBits" };

const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

function parseHost(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  // Zone ids (`fe80::1%eth0`) are not addresses an access list can hold.
  if (!text.includes("%") && text.includes(":") && ipaddr.IPv6.isValid(text)) {
    return ipaddr.IPv6.parse(text);
  }
  return undefined;
}

function maxPrefix(addr: ipaddr.IPv4 | ipaddr.IPv6): number {
  return addr.kind() === "ipv4" ? 32 : 128;
}

/** A single IP address (no prefix) → its `/32` or `/128` block. */
export function parseSingleAddress(text: string): ParsedAddress {
  const addr = parseHost(text);
  if (!addr) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    cidrBlock: `${addr.toString()}/${maxPrefix(addr)}`,
    ipv6: addr.kind() === "ipv6",
  };
}

/** `network/length`; the network must have no host bits set. */
export function parseCidrBlock(text: string): ParsedAddress {
  const slash = text.lastIndexOf("/");
  if (slash < 0) return { ok: false, reason: "invalid" };
  const addr = parseHost(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!addr || !PREFIX.test(prefixText)) return { ok: false, reason: "invalid" };
  const prefix = Number(prefixText);
  if (prefix > maxPrefix(addr)) return { ok: false, reason: "invalid" };
  const network =
    addr.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${prefix}`);
  if (network.toString() !== addr.toString()) return { ok: false, reason: "hostBits" };
  return { ok: true, cidrBlock: `${addr.toString()}/${prefix}`, ipv6: addr.kind() === "ipv6" };
}

/** An `{ENTRY}` path value (already percent-decoded): bare IP or CIDR. */
export function parseEntryKey(text: string): string | undefined {
  const parsed = text.includes("/") ? parseCidrBlock(text) : parseSingleAddress(text);
  return parsed.ok ? parsed.cidrBlock : undefined;
}

/** How an entry appears in a `self` link: bare IP for single addresses, else `net%2Flen`. */
export function entryPathSegment(cidrBlock: string): string {
  const [host, prefix] = cidrBlock.split("/");
  const single =
    (host.includes(":") && prefix === "128") || (!host.includes(":") && prefix === "32");
  return single ? host : `${host}%2F${prefix}`;
}

/** The address part of a `/32` or `/128` block, for `ipAddress`. */
export function hostOf(cidrBlock: string): string {
  return cidrBlock.split("/")[0];
}

/** Normalized client address: `::ffff:127.0.0.1` → `127.0.0.1`. */
export function normalizeClientIp(remote: string | undefined): string {
  if (!remote) return "0.0.0.0";
  try {
    return ipaddr.process(remote).toString();
  } catch {
    return remote;
  }
}

/** Prefix length of the block that contains `ip`, or -1 when it does not. */
export function matchLength(cidrBlock: string, ip: string): number {
  try {
    const addr = ipaddr.parse(ip);
    const [net, len] = ipaddr.parseCIDR(cidrBlock);
    if (addr.kind() !== net.kind()) return -1;
    return addr.match([net, len]) ? len : -1;
  } catch {
    return -1;
  }
}
