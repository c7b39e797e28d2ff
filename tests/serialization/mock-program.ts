/**
 * A tiny Pulumi program run under `pulumi.runtime.setMocks` in its own process (mocks are global
 * state, so they stay out of the mocha process). It registers one OrgApiKey and one entry, and
 * prints one JSON line: what each RegisterResource request carried and what the outputs resolved
 * to. Used by tests/unit/resources-classes.test.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import * as mocks from "@pulumi/pulumi/runtime/mocks";

interface Registration {
  type: string;
  name: string;
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
  inputs: Record<string, unknown>;
}

const registrations: Registration[] = [];
type RegisterRequest = {
  getType(): string;
  getName(): string;
  getAdditionalsecretoutputsList(): string[];
  getDeletebeforereplace(): boolean;
};
const monitor = mocks.MockMonitor.prototype as unknown as {
  registerResource(req: RegisterRequest, cb: unknown): unknown;
};
const original = monitor.registerResource;
monitor.registerResource = function (req: RegisterRequest, cb: unknown) {
  registrations.push({
    type: req.getType(),
    name: req.getName(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    deleteBeforeReplace: req.getDeletebeforereplace(),
    inputs: {},
  });
  return original.call(this, req, cb);
};

void pulumi.runtime.setMocks({
  newResource(args) {
    const registration = registrations.find((r) => r.name === args.name);
    if (registration) registration.inputs = args.inputs;
    const extra = args.type.endsWith(":OrgApiKey")
      ? {
          apiKeyId: "60a1b2c3d4e5f60718293a4c",
          publicKey: "qvhtkzma",
          privateKey: "mock-private",
          rotationTrigger: null,
          existingApiKeyId: null,
        }
      : {
          cidrBlock: "1.2.3.4/32",
          created: "2024-01-01T00:00:00Z",
          count: 0,
          lastUsed: null,
          lastUsedAddress: null,
        };
    return { id: `${args.name}-id`, state: { ...args.inputs, ...extra } };
  },
  call: () => ({}),
});

// Loaded after setMocks, as in the Pulumi testing guide.
const provider = require("../../provider/index") as typeof import("../../provider/index");
const key = new provider.OrgApiKey("key", {
  orgId: "5f0c8a1e2b3c4d5e6f708192",
  description: "ci",
  roles: ["ORG_MEMBER"],
});
const entry = new provider.ApiKeyWhitelistEntry("entry", {
  orgId: key.orgId,
  apiKeyId: key.apiKeyId,
  ipAddress: "1.2.3.4",
});

pulumi
  .all([
    key.apiKeyId,
    key.publicKey,
    key.privateKey,
    key.roles,
    entry.cidrBlock,
    entry.created,
    entry.count,
  ])
  .apply(([apiKeyId, publicKey, privateKey, roles, cidrBlock, created, count]) => {
    // Registrations are complete once the entry's outputs resolved.
    setImmediate(() =>
      process.stdout.write(
        `${JSON.stringify({ registrations, outputs: { apiKeyId, publicKey, privateKey, roles, cidrBlock, created, count } })}\n`,
      ),
    );
  });
