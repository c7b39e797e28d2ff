/**
 * IP address and CIDR canonicalization with ipaddr.js (a well-kept library, no hand-written
 * parsing). A single address becomes `a.b.c.d/32` or `x::y/128`, the form Ops Manager reports in
 * `cidrBlock` (docs/OPS-MANAGER-API.md, "Access-list entries").
 *
 * IPv4-mapped IPv6 (`::ffff:203.0.113.9`) is stored by Ops Manager, a Java server, as the IPv4
 * address (`203.0.113.9`), so it is canonicalized to that: read and delete then reach the entry.
 */
import ipaddr from "ipaddr.js";

/** Outcome of parsing: a canonical value or a reason a person can act on. */
export type Parsed =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

const PREFIX = /^(0|[1-9][0-9]{0,2})$/;
const MAX_TEXT = 100;

function quote(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}

/** A strictly written address (no zone id, no IPv4 short forms), or null. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (text.length > MAX_TEXT) return null;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(":") && !text.includes("%") && ipaddr.IPv6.isValid(text))
    return ipaddr.IPv6.parse(text);
  return null;
}

/** The IPv4 address an IPv4-mapped IPv6 address stands for; other addresses unchanged. */
function unmapped(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function render(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  return address.kind() === "ipv6"
    ? (address as ipaddr.IPv6).toRFC5952String()
    : address.toString();
}

/** Parses a single IPv4/IPv6 address into its canonical text (`2001:db8::1`, `10.0.0.1`). */
export function canonicalAddress(value: string): Parsed {
  const text = value.trim();
  if (text.includes("/")) {
    return {
      ok: false,
      reason: `${quote(value)} is a CIDR block; set cidrBlock instead of ipAddress`,
    };
  }
  const address = parseAddress(text);
  if (address === null) {
    return {
      ok: false,
      reason: `${quote(value)} is not an IPv4 or IPv6 address (e.g. 203.0.113.7 or 2001:db8::7)`,
    };
  }
  return { ok: true, value: render(unmapped(address)) };
}

/** Parses a CIDR block into canonical text; host bits set fail with the corrected block suggested. */
export function canonicalCidr(value: string): Parsed {
  const text = value.trim();
  const slash = text.indexOf("/");
  if (slash < 0) {
    const parsed = parseAddress(text);
    const single = parsed === null ? null : unmapped(parsed);
    const hint = single
      ? `; write ${quote(`${render(single)}/${single.kind() === "ipv4" ? 32 : 128}`)} or set ipAddress`
      : "";
    return {
      ok: false,
      reason: `${quote(value)} has no prefix length (CIDR notation is address/length)${hint}`,
    };
  }
  const written = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (written === null) {
    return {
      ok: false,
      reason: `${quote(value)} is not a CIDR block: the address part is not a valid IPv4 or IPv6 address`,
    };
  }
  const max = written.kind() === "ipv4" ? 32 : 128;
  const writtenPrefix = PREFIX.test(prefixText) ? Number(prefixText) : NaN;
  if (!(writtenPrefix <= max)) {
    return {
      ok: false,
      reason: `${quote(value)} has an invalid prefix length; use a number from 0 to ${max}`,
    };
  }
  const address = unmapped(written);
  let prefix = writtenPrefix;
  if (address !== written) {
    if (writtenPrefix < 96) {
      return {
        ok: false,
        reason:
          `${quote(value)} is an IPv4-mapped IPv6 network wider than /96; Ops Manager stores IPv4-mapped ` +
          "addresses as IPv4: write the IPv4 network instead (e.g. 203.0.113.0/24)",
      };
    }
    prefix = writtenPrefix - 96;
  }
  const network = networkOf(address, prefix);
  const canonical = `${render(network)}/${prefix}`;
  if (render(network) !== render(address)) {
    return { ok: false, reason: `${quote(value)} has host bits set; did you mean ${canonical}?` };
  }
  return { ok: true, value: canonical };
}

/** The network address of `address/prefix` (host bits cleared). */
function networkOf(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = address.toByteArray().map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  return ipaddr.fromByteArray(bytes);
}

/** The canonical CIDR of a single address (`/32` or `/128`). */
export function singleAddressCidr(canonical: string): string {
  return `${canonical}/${canonical.includes(":") ? 128 : 32}`;
}
