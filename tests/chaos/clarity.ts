/**
 * Is a failure message one a user can act on (docs/TROUBLESHOOTING.md)? It must name the
 * resource or the endpoint, name the cause, carry no stack trace or placeholder junk, and hold
 * no secret.
 */

const NAMES_RESOURCE =
  /\b(OrgApiKey|ApiKeyWhitelistEntry|ApiKeyProjectAssignment)\b|\/(orgs|groups)\/[0-9a-f]{24}/;
const NAMES_CAUSE =
  /\b[45]\d\d\b|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|did not answer|was lost|rate-limit|timed? ?out|TLS|redirect|not JSON|malformed|invalid|not found|denied|rejected/i;
const JUNK = [/\bundefined\b/, /\[object Object\]/, /\n\s+at .+:\d+:\d+/, /\bNaN\b/];

/** Problems with `message`; empty when it is clear. */
export function unclearParts(message: string, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  if (!NAMES_RESOURCE.test(message)) problems.push("names neither the resource nor the endpoint");
  if (!NAMES_CAUSE.test(message)) problems.push("does not name a cause");
  for (const junk of JUNK) if (junk.test(message)) problems.push(`contains ${junk.source}`);
  if (secrets.some((s) => s.length >= 8 && message.includes(s))) problems.push("contains a secret");
  return problems;
}
