/**
 * A reusable secret scanner: finds any of `secrets` in any of `texts`, in the forms
 * a leak takes in practice: as is, upper-cased, percent-encoded, base64 (e.g. inside a Basic
 * header or a serialized blob) and hex. A hit reports where and which form, never the secret.
 */

/** One leak: which text, which secret (by index and a masked hint), in which form. */
export interface SecretHit {
  readonly text: number;
  readonly secret: number;
  readonly hint: string;
  readonly form: string;
  readonly offset: number;
}

/** Secrets shorter than this are not scanned (they would match by chance). */
export const MIN_SECRET_LENGTH = 8;

function forms(secret: string): Array<[string, string]> {
  const all: Array<[string, string]> = [
    ["plain", secret],
    ["upper-case", secret.toUpperCase()],
    ["percent-encoded", encodeURIComponent(secret)],
    ["base64", Buffer.from(secret, "utf8").toString("base64").replace(/=+$/, "")],
    ["hex", Buffer.from(secret, "utf8").toString("hex")],
  ];
  const unique = new Map<string, string>();
  for (const [form, value] of all) if (!unique.has(value)) unique.set(value, form);
  return [...unique].map(([value, form]) => [form, value]);
}

/** Masked label of a secret for reports: first 4 characters and the length. */
export function hintOf(secret: string): string {
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}

/** Every occurrence of every secret (in every form) in every text. */
export function scanForSecrets(texts: readonly string[], secrets: readonly string[]): SecretHit[] {
  const hits: SecretHit[] = [];
  const scanned = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH);
  scanned.forEach((secret) => {
    const secretIndex = secrets.indexOf(secret);
    for (const [form, needle] of forms(secret)) {
      texts.forEach((text, textIndex) => {
        for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
          hits.push({
            text: textIndex,
            secret: secretIndex,
            hint: hintOf(secret),
            form,
            offset: at,
          });
        }
      });
    }
  });
  return hits;
}

/** A readable one-line-per-hit summary (no secret values), for assertion messages. */
export function describeHits(hits: readonly SecretHit[], labels: readonly string[] = []): string {
  return hits
    .map(
      (h) =>
        `secret ${h.hint} (${h.form}) in ${labels[h.text] ?? `text #${h.text}`} at ${h.offset}`,
    )
    .join("\n");
}
