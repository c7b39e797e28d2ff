/**
 * The managing key: the key this provider authenticates with (opsmanager:publicKey). Deleting it,
 * or replacing it away, would cut the provider off: every later call fails with 401. Both are
 * refused with the ways out; adopting it only warns.
 */

/** True when `publicKey` is the managing key's (public keys compare case-insensitively). */
export function isManagingKey(managingPublicKey: string | undefined, publicKey: unknown): boolean {
  return (
    typeof managingPublicKey === "string" &&
    typeof publicKey === "string" &&
    managingPublicKey.toLowerCase() === publicKey.toLowerCase()
  );
}

const WAYS_OUT =
  "To change it, first point opsmanager:publicKey and opsmanager:privateKey (or MCLI_PUBLIC_API_KEY and " +
  "MCLI_PRIVATE_API_KEY) at another Organization Owner key and run `pulumi up`, so that the provider no longer " +
  "authenticates with this one; or stop managing it with `pulumi state delete <urn>` (the key stays in Ops Manager).";

/** The refusal of a delete of the managing key. */
export function managingKeyDeleteRefusal(apiKeyId: string, publicKey: string): string {
  return (
    `OrgApiKey delete of key ${apiKeyId} refused: it is the managing key (public key ${publicKey}) that this ` +
    `provider authenticates with, and deleting it would lock the provider out of Ops Manager. ${WAYS_OUT}`
  );
}

/** The refusal of a replacement of the managing key. */
export function managingKeyReplaceRefusal(
  apiKeyId: string,
  publicKey: string,
  replaces: readonly string[],
): string {
  return (
    `OrgApiKey ${apiKeyId}: changing ${replaces.join(", ")} would replace the managing key (public key ${publicKey}) ` +
    `that this provider authenticates with, and the replacement deletes it. ${WAYS_OUT}`
  );
}

/** The warning after adopting the managing key. */
export function managingKeyAdoptedWarning(publicKey: string): string {
  return (
    `OrgApiKey: the adopted key (public key ${publicKey}) is the managing key this provider authenticates with. ` +
    "Pulumi will refuse to delete or replace it while it is the managing key; `pulumi destroy` of this stack then " +
    `fails on this resource. ${WAYS_OUT}`
  );
}
