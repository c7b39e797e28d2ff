import { expect } from "chai";
import {
  badResponseError,
  classifyStatus,
  errorFromResponse,
  redirectError,
  type CallContext,
} from "../../provider/client/error-mapping";
import {
  canonicalErrorCode,
  errorCodeIs,
  isNotFound,
  isOpsManagerError,
  isOpsManagerNotFound,
  OpsManagerError,
  redact,
  type OpsManagerErrorCode,
} from "../../provider/client/errors";
import {
  ambiguousWriteError,
  describeTransportFailure,
  errorFromTransport,
} from "../../provider/client/transport-errors";

const PRIVATE_KEY = "3f2b7c1e-9a4d-4e8b-b6a1-0c9d8e7f6a5b";
const OTHER_UUID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const ctx: CallContext = {
  method: "GET",
  path: "/orgs/60a1b2c3d4e5f60718293a4b/apiKeys",
  origin: "https://om.example.com:8443",
  url: "https://om.example.com:8443/om/api/public/v1.0/orgs/60a1b2c3d4e5f60718293a4b/apiKeys",
  attempts: 1,
  timeoutMs: 30_000,
  secrets: [PRIVATE_KEY],
};

function body(errorCode: string | undefined, detail: string, parameters?: string[]): string {
  return JSON.stringify({ detail, error: 0, errorCode, parameters, reason: "x" });
}

/** status, errorCode, expected code. */
const TABLE: Array<[number, string | undefined, OpsManagerErrorCode]> = [
  [401, undefined, "UNAUTHORIZED"],
  [401, "USER_UNAUTHORIZED", "PERMISSION_DENIED"],
  [401, "NOT_ORG_OWNER", "PERMISSION_DENIED"],
  [400, "API_KEY_WHITELIST_ACCESS_DENIED", "PERMISSION_DENIED"],
  [401, "API_KEY_ACCESS_LIST_ACCESS_DENIED", "PERMISSION_DENIED"],
  [403, "IP_ADDRESS_NOT_ON_ACCESS_LIST", "ACCESS_LIST_DENIED"],
  [403, "IP_ADDRESS_NOT_ON_WHITELIST", "ACCESS_LIST_DENIED"],
  [403, "ORG_REQUIRES_ACCESS_LIST", "ACCESS_LIST_DENIED"],
  [403, "RESOURCE_REQUIRES_WHITELIST", "ACCESS_LIST_DENIED"],
  [403, "ACCESS_FORBIDDEN", "PERMISSION_DENIED"],
  [404, "RESOURCE_NOT_FOUND", "ENDPOINT_NOT_FOUND"],
  [404, undefined, "ENDPOINT_NOT_FOUND"],
  [404, "SOMETHING_ELSE_NOT_FOUND", "ENDPOINT_NOT_FOUND"],
  [404, "ORG_NOT_FOUND", "ORG_NOT_FOUND"],
  [404, "INVALID_ORG_ID", "ORG_NOT_FOUND"],
  [404, "GROUP_NOT_FOUND", "PROJECT_NOT_FOUND"],
  [404, "INVALID_GROUP_ID", "PROJECT_NOT_FOUND"],
  [404, "API_KEY_NOT_FOUND", "NOT_FOUND"],
  [400, "API_KEY_NOT_FOUND", "NOT_FOUND"],
  [404, "API_KEY_WHITELIST_NOT_FOUND", "NOT_FOUND"],
  [400, "API_KEY_WHITELIST_NOT_FOUND", "NOT_FOUND"],
  [404, "API_KEY_ACCESS_LIST_NOT_FOUND", "NOT_FOUND"],
  [404, "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND", "NOT_FOUND"],
  [400, "INVALID_ATTRIBUTE", "VALIDATION"],
  [400, "DUPLICATE_ADDRESSES_IN_INPUT", "VALIDATION"],
  [400, "INVALID_ROLE_FOR_GROUP", "VALIDATION"],
  [401, "BILLING_UNSUPPORTED", "VALIDATION"],
  [400, "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST", "CANNOT_REMOVE_CALLER"],
  [400, "CANNOT_REMOVE_CALLER_FROM_WHITELIST", "CANNOT_REMOVE_CALLER"],
  [409, "ADDRESS_ALREADY_IN_WHITELIST", "CONFLICT"],
  [429, "RATE_LIMITED", "RATE_LIMITED"],
  [500, "UNEXPECTED_ERROR", "SERVER_ERROR"],
  [502, undefined, "SERVER_ERROR"],
  [503, undefined, "SERVER_ERROR"],
];

describe("client errors", () => {
  describe("mapping", () => {
    for (const [status, errorCode, expected] of TABLE) {
      it(`maps ${status} ${errorCode ?? "(no errorCode)"} to ${expected}`, () => {
        expect(classifyStatus(status, errorCode)).to.equal(expected);
        const error = errorFromResponse(
          ctx,
          status,
          body(errorCode, "Something happened.", ["198.51.100.7"]),
        );
        expect(error.code).to.equal(expected);
        expect(error.status).to.equal(status);
        expect(error.errorCode).to.equal(errorCode);
        expect(error.method).to.equal("GET");
        expect(error.path).to.equal(ctx.path);
        expect(error.message).to.include(`GET ${ctx.path}`);
        expect(error.message).to.include(String(status));
      });
    }

    it("explains bad credentials in Ops Manager's terms, without configuration keys", () => {
      const error = errorFromResponse(
        ctx,
        401,
        body(undefined, "You are not authorized for this resource."),
      );
      expect(error.message).to.include("rejected the API key's credentials");
      expect(error.message).to.not.match(/opsmanager:|MCLI_|pulumi/i);
    });

    it("never names program configuration in any mapped message", () => {
      for (const [status, code] of TABLE) {
        const error = errorFromResponse(ctx, status, body(code, "x", ["198.51.100.7"]), 2_000);
        expect(error.message, `${status} ${code}`).to.not.match(/opsmanager:|MCLI_|pulumi/i);
      }
      const transport = [
        { code: "ECONNREFUSED", message: "x" },
        { name: "TimeoutError", code: "ETIMEDOUT", message: "x" },
        { code: "CERT_HAS_EXPIRED", message: "x" },
      ].map((thrown) => errorFromTransport(ctx, describeTransportFailure(thrown)));
      for (const error of [
        ...transport,
        redirectError(ctx, 302, "https://sso.example.com/"),
        badResponseError(ctx, 200, "its body is an HTML page, not JSON"),
      ]) {
        expect(error.message, error.code).to.not.match(/opsmanager:|MCLI_|pulumi/i);
      }
    });

    it("names the full URL of a 404 that is not Ops Manager's own not-found, and the likely causes", () => {
      const html = "<!DOCTYPE html><html><head><title>404 Not Found</title></head></html>";
      for (const error of [
        errorFromResponse(ctx, 404, html),
        errorFromResponse(ctx, 404, ""),
        errorFromResponse(ctx, 404, body("RESOURCE_NOT_FOUND", "Cannot find resource")),
      ]) {
        expect(error.code).to.equal("ENDPOINT_NOT_FOUND");
        expect(error.url).to.equal(ctx.url);
        expect(error.message).to.include(ctx.url);
        expect(error.message).to.include("base URL");
        expect(error.message).to.include("proxy");
        expect(isOpsManagerNotFound(error)).to.equal(false);
      }
    });

    it("explains that Ops Manager never removes the caller's own access-list entry", () => {
      for (const code of [
        "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST",
        "CANNOT_REMOVE_CALLER_FROM_WHITELIST",
      ]) {
        const error = errorFromResponse(
          ctx,
          400,
          body(code, "Cannot remove caller's IP", ["127.0.0.1"]),
        );
        expect(error.code).to.equal("CANNOT_REMOVE_CALLER");
        expect(error.message).to.include("admits the calling API key's own request");
        expect(error.message).to.include("another API key");
      }
    });

    it("explains that billing roles exist only in Cloud Manager instead of asking for ORG_OWNER", () => {
      const error = errorFromResponse(
        ctx,
        401,
        body(
          "BILLING_UNSUPPORTED",
          "Billing administrator roles are not supported by Ops Manager.",
        ),
      );
      expect(error.message).to.include("only in Cloud Manager");
      expect(error.message).to.include("ORG_BILLING_ADMIN");
      expect(error.message).to.not.include("grant");
      expect(error.message).to.not.include("give the key");
    });

    it("says when to retry a rate-limited call, from the server's Retry-After", () => {
      const error = errorFromResponse(ctx, 429, body("RATE_LIMITED", "limited"), 90_000, 0);
      expect(error.code).to.equal("RATE_LIMITED");
      expect(error.retryAfterMs).to.equal(90_000);
      expect(error.message).to.include("wait 90 s");
      expect(error.message).to.include("1970-01-01T00:01:30.000Z");
    });

    it("names the IP the server saw on an access-list denial", () => {
      const error = errorFromResponse(
        ctx,
        403,
        body("ORG_REQUIRES_ACCESS_LIST", "needs a list", ["198.51.100.7"]),
      );
      expect(error.message).to.include("198.51.100.7");
      expect(error.parameters).to.deep.equal(["198.51.100.7"]);
    });

    it("describes an HTML error page without echoing it", () => {
      const html =
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
      const error = errorFromResponse(ctx, 502, html);
      expect(error.code).to.equal("SERVER_ERROR");
      expect(error.detail).to.equal('an HTML page titled "502 Bad Gateway"');
      expect(error.message).to.not.include("nginx");
    });

    it("names the redirect's host, not its path or query", () => {
      const error = redirectError(ctx, 302, "https://sso.example.com/login?session=abc");
      expect(error.code).to.equal("BAD_RESPONSE");
      expect(error.message).to.include("sso.example.com");
      expect(error.message).to.not.include("session=abc");
    });

    it("classifies transport failures", () => {
      const cases: Array<[object, OpsManagerErrorCode]> = [
        [{ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" }, "NETWORK"],
        [{ code: "ECONNRESET", message: "socket hang up" }, "NETWORK"],
        [
          {
            name: "TimeoutError",
            code: "ETIMEDOUT",
            message: "Timeout awaiting 'request' for 50ms",
          },
          "TIMEOUT",
        ],
        [{ code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self-signed certificate" }, "TLS"],
        [{ code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "Hostname/IP does not match" }, "TLS"],
        [
          {
            code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
            message: "unable to verify the first certificate",
          },
          "TLS",
        ],
      ];
      for (const [thrown, expected] of cases) {
        const error = errorFromTransport(ctx, describeTransportFailure(thrown));
        expect(error.code, JSON.stringify(thrown)).to.equal(expected);
        expect(error.message).to.include(ctx.origin);
      }
      const tls = errorFromTransport(
        ctx,
        describeTransportFailure({ code: "SELF_SIGNED_CERT_IN_CHAIN", message: "x" }),
      );
      expect(tls.message).to.include("CA");
    });
  });

  describe("redaction", () => {
    const poisoned = `key ${PRIVATE_KEY} other ${OTHER_UUID} Authorization: Digest username="abc", response="f00"`;

    it("scrubs private keys, UUIDs and Authorization values", () => {
      const out = redact(poisoned, [PRIVATE_KEY]);
      expect(out).to.not.include(PRIVATE_KEY);
      expect(out).to.not.include(OTHER_UUID);
      expect(out).to.not.include("f00");
      expect(out).to.not.include('username="abc"');
    });

    it("keeps secrets out of every mapped message, detail and parameter", () => {
      const errors: OpsManagerError[] = [
        ...TABLE.map(([status, code]) =>
          errorFromResponse(ctx, status, body(code, poisoned, [poisoned])),
        ),
        errorFromResponse(ctx, 500, poisoned),
        badResponseError(ctx, 200, poisoned),
        redirectError(ctx, 301, `https://x.example.com/${PRIVATE_KEY}`),
        errorFromTransport(
          ctx,
          describeTransportFailure({ code: "ECONNRESET", message: poisoned }),
        ),
        errorFromTransport(
          ctx,
          describeTransportFailure({ code: "CERT_HAS_EXPIRED", message: poisoned }),
        ),
        ambiguousWriteError(
          ctx,
          describeTransportFailure({ code: "ECONNRESET", message: poisoned }),
        ),
      ];
      for (const error of errors) {
        const visible = [
          error.message,
          error.detail ?? "",
          ...(error.parameters ?? []),
          String(error.cause ?? ""),
        ];
        for (const text of visible) {
          expect(text, error.code).to.not.include(PRIVATE_KEY);
          expect(text, error.code).to.not.include(OTHER_UUID);
          expect(text, error.code).to.not.include("f00");
        }
        expect(JSON.stringify(error)).to.not.include(PRIVATE_KEY);
      }
    });
  });

  describe("guards", () => {
    const notFound = errorFromResponse(
      ctx,
      400,
      body("API_KEY_NOT_FOUND", "No API Key with ID x exists."),
    );

    it("recognises errors by brand, also copies from another realm", () => {
      expect(isOpsManagerError(notFound)).to.equal(true);
      const foreign = JSON.parse(
        JSON.stringify({ ...notFound, message: notFound.message }),
      ) as unknown;
      expect(isOpsManagerError(foreign)).to.equal(true);
      expect(isOpsManagerError(new Error("x"))).to.equal(false);
      expect(isOpsManagerError({ code: "NOT_FOUND" })).to.equal(false);
      expect(isOpsManagerError(null)).to.equal(false);
    });

    it("isOpsManagerNotFound (and its alias isNotFound) is true only for Ops Manager's own not-found codes", () => {
      expect(isNotFound).to.equal(isOpsManagerNotFound);
      expect(isOpsManagerNotFound(notFound)).to.equal(true);
      for (const code of [
        "API_KEY_NOT_FOUND",
        "API_KEY_WHITELIST_NOT_FOUND",
        "API_KEY_ACCESS_LIST_NOT_FOUND",
        "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND",
      ]) {
        expect(isOpsManagerNotFound(errorFromResponse(ctx, 404, body(code, "x"))), code).to.equal(
          true,
        );
      }
      for (const text of [
        "",
        "<html><title>Not Found</title></html>",
        body("RESOURCE_NOT_FOUND", "x"),
        body("ORG_NOT_FOUND", "x"),
        body("GROUP_NOT_FOUND", "x"),
        body("INVALID_ATTRIBUTE", "x"),
      ]) {
        expect(isOpsManagerNotFound(errorFromResponse(ctx, 404, text)), text).to.equal(false);
      }
      expect(isOpsManagerNotFound(new Error("404"))).to.equal(false);
    });

    it("errorCodeIs matches both spellings", () => {
      const legacy = errorFromResponse(ctx, 404, body("API_KEY_WHITELIST_NOT_FOUND", "x"));
      expect(errorCodeIs(legacy, "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND")).to.equal(true);
      expect(errorCodeIs(legacy, "API_KEY_WHITELIST_NOT_FOUND")).to.equal(true);
      const modern = errorFromResponse(
        ctx,
        400,
        body("CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST", "x"),
      );
      expect(errorCodeIs(modern, "CANNOT_REMOVE_CALLER_FROM_WHITELIST")).to.equal(true);
      expect(
        errorCodeIs(modern, "API_KEY_NOT_FOUND", "CANNOT_REMOVE_CALLER_FROM_WHITELIST"),
      ).to.equal(true);
      expect(errorCodeIs(modern, "API_KEY_NOT_FOUND")).to.equal(false);
      expect(errorCodeIs(new Error("x"), "API_KEY_NOT_FOUND")).to.equal(false);
      expect(canonicalErrorCode("address_already_in_whitelist")).to.equal(
        "ADDRESS_ALREADY_IN_ACCESS_LIST",
      );
    });
  });
});
