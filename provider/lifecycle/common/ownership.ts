/**
 * The ownership record of one provider process, i.e. one deployment (docs/ARCHITECTURE.md,
 * "Ownership inside one deployment").
 *
 * A resource claims the Ops Manager object it manages when it creates or adopts it, updates it,
 * or is diffed without being replaced away from it. Every claim carries the resource's owner
 * token (the `__owner` output, minted at create), so a delete can tell its own resource from
 * another one. The engine runs the deletes of a deployment after those steps (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go, GenerateDeletes), so a delete whose object another
 * resource claimed comes from a second resource of the same deployment: the old half of a
 * replacement that landed on the same object (`pulumi up --replace`, an adopted key, an entry
 * re-declared), a resource removed while another one adopted its object, or a pending delete left
 * by an interrupted run. Such a delete must leave the object alone.
 */
import { RandomHex } from "../../client/random-hex";

/** Kinds of objects; one namespace each so ids of different kinds never collide. */
export type OwnedKind = "key" | "entry" | "assignment";

/** Objects claimed in this process, with the owner tokens of the resources that claimed them. */
export class OwnershipRecord {
  private readonly claims = new Map<string, Set<string>>();
  private readonly random = new RandomHex();
  private anonymous = 0;

  /** A new owner token: 16 random hex digits, unique to one resource. */
  newToken(): string {
    return this.random.next(8);
  }

  /**
   * Records that the resource with owner token `token` manages the object. A resource without a
   * token (state written before tokens existed) gets one that matches no other resource.
   */
  claim(kind: OwnedKind, object: readonly string[], token: string | null): void {
    const key = OwnershipRecord.keyOf(kind, object);
    const tokens = this.claims.get(key) ?? new Set<string>();
    tokens.add(token ?? `anonymous ${++this.anonymous}`);
    this.claims.set(key, tokens);
  }

  /** True when a resource other than the one with owner token `token` claimed the object. */
  claimedByAnother(kind: OwnedKind, object: readonly string[], token: string | null): boolean {
    const tokens = this.claims.get(OwnershipRecord.keyOf(kind, object));
    return tokens !== undefined && [...tokens].some((t) => t !== token);
  }

  private static keyOf(kind: OwnedKind, object: readonly string[]): string {
    return `${kind} ${object.map((part) => part.toLowerCase()).join("/")}`;
  }
}
