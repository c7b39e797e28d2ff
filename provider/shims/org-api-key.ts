/**
 * The `OrgApiKey` provider object, as this module's whole `module.exports` (see provider-object.ts):
 * its serialized text is a bare `require` of this file. Renaming or moving this file changes
 * the `__provider` text of every existing OrgApiKey.
 */
import { providerObject } from "./provider-object";

export = providerObject("OrgApiKey");
