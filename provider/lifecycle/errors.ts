/**
 * Errors the host shows to the user. Only `message` crosses the gRPC boundary (or `reasons` for a
 * partial create), so each message names the resource, what happened and what to do.
 */

/**
 * A create that failed after the object came to exist (spec pulumi-dynamic-provider.md §9): the
 * host turns `id`/`properties`/`reasons` into ErrorResourceInitFailed and the engine records the
 * object in state, so it is never orphaned. `properties` must carry `__provider` (the host does
 * not add it, and later read/delete need it).
 */
export class PartialCreateError extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, message: string) {
    super(message);
    this.name = "PartialCreateError";
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}

/** Message text of any thrown value (never includes a stack). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A new Error whose message prefixes `what` (e.g. `OrgApiKey "ci" create`) to the cause's message. */
export function withContext(what: string, error: unknown): Error {
  const wrapped = new Error(`${what} failed: ${messageOf(error)}`, { cause: error });
  return wrapped;
}
