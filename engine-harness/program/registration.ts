/**
 * What a program tells the engine about one resource (`RegisterResourceRequest`,
 * proto/pulumi/resource.proto), decoded into plain data.
 */
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { PropertyMap } from "../values/property-values";

export interface Registration {
  readonly type: string;
  readonly name: string;
  /** Parent URN ("" for the stack itself). */
  readonly parent: string;
  readonly custom: boolean;
  /** Inputs in wire form: secrets wrapped, unknowns (preview) as the sentinel. */
  readonly inputs: PropertyMap;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** Explicit provider reference, "" for the default provider. */
  readonly provider: string;
  readonly additionalSecretOutputs: readonly string[];
  /** The resource option; undefined when the program did not set it (it overrides the diff). */
  readonly deleteBeforeReplace: boolean | undefined;
  readonly ignoreChanges: readonly string[];
  readonly replaceOnChanges: readonly string[];
  readonly protect: boolean | undefined;
  readonly retainOnDelete: boolean | undefined;
  readonly deletedWith: string;
  readonly importId: string;
}

/** Decodes a RegisterResourceRequest. */
export function decodeRegistration(req: resproto.RegisterResourceRequest): Registration {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    custom: req.getCustom(),
    inputs: (req.getObject()?.toJavaScript() ?? {}) as PropertyMap,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    provider: req.getProvider(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    deleteBeforeReplace: req.getDeletebeforereplacedefined()
      ? req.getDeletebeforereplace()
      : undefined,
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    protect: req.hasProtect() ? req.getProtect() : undefined,
    retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
    deletedWith: req.getDeletedwith(),
    importId: req.getImportid(),
  };
}
