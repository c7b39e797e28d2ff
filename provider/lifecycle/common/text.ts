/**
 * Text lengths as Ops Manager counts them: a Java string's length, i.e. UTF-16 code units (a
 * JavaScript string's `length`), not characters. Cutting must never split a surrogate pair.
 */

/** `text` cut to at most `maxUnits` UTF-16 code units, never in the middle of a surrogate pair. */
export function truncateUtf16(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let end = Math.max(0, maxUnits);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate without its pair
  return text.slice(0, end);
}

/** `text` shortened for a message: at most `maxUnits` units, with an ellipsis when cut. */
export function abbreviate(text: string, maxUnits: number): string {
  return text.length > maxUnits ? `${truncateUtf16(text, maxUnits)}…` : text;
}
