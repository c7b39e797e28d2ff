/**
 * The ownership record of one provider process, i.e. one deployment (docs/ARCHITECTURE.md,
 * "Ownership inside one deployment").
 *
 * A resource claims the Ops Manager object it manages when it creates or adopts it, updates it,
 * or is diffed without being replaced away from it. The engine runs the deletes of a deployment
 * after those steps (pulumi/pulumi pkg/resource/deploy/step_generator.go, GenerateDeletes), so a
 * delete that finds its object claimed comes from ANOTHER resource of the same deployment: the
 * old half of a replacement that landed on the same object (`pulumi up --replace`, an adopted
 * key, an entry re-declared), a resource removed while another one adopted its object, or a
 * pending delete left by an interrupted run. Such a delete must leave the object alone.
 */

/** Kinds of objects; one namespace each so ids of different kinds never collide. */
export type OwnedKind = "key" | "entry" | "assignment";

/** Objects claimed in this process; ids are compared case-insensitively. */
export class OwnershipRecord {
  private readonly claimed = new Set<string>();

  /** Records that a resource of this deployment manages the object. */
  claim(kind: OwnedKind, ...id: string[]): void {
    this.claimed.add(OwnershipRecord.keyOf(kind, id));
  }

  /** True when a resource of this deployment manages the object. */
  isClaimed(kind: OwnedKind, ...id: string[]): boolean {
    return this.claimed.has(OwnershipRecord.keyOf(kind, id));
  }

  private static keyOf(kind: OwnedKind, id: readonly string[]): string {
    return `${kind} ${id.map((part) => part.toLowerCase()).join("/")}`;
  }
}
