/**
 * Ops Manager error envelope and the catalogue of errors this emulator answers with. Templates
 * follow the documented messages
 * (https://www.mongodb.com/docs/ops-manager/current/reference/api-error-codes/); `parameters`
 * carry the substituted values.
 */
import { STATUS_CODES } from "node:http";

/** Which family of access-list error names a route uses: `…_ACCESS_LIST` or legacy `…_WHITELIST`. */
export type ListSpelling = "ACCESS_LIST" | "WHITELIST";

/** An API error; the server turns it into `{detail, error, errorCode, parameters, reason}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly parameters: readonly string[] = [],
  ) {
    super(detail);
  }

  /** The JSON body exactly as Ops Manager shapes it. */
  body(): Record<string, unknown> {
    return {
      detail: this.detail,
      error: this.status,
      errorCode: this.errorCode,
      parameters: this.parameters,
      reason: reasonPhrase(this.status),
    };
  }
}

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? "Unknown";
}

/** Body of the bare 401 challenge: no errorCode, no parameters. */
export const UNAUTHORIZED_BODY = {
  reason: "Unauthorized",
  error: 401,
  detail: "You are not authorized for this resource.",
};

export const errors = {
  resourceNotFound: (method: string, path: string) =>
    new ApiError(404, "RESOURCE_NOT_FOUND", `Cannot find resource ${method} ${path}.`, [path]),
  groupNotFound: (groupId: string) =>
    new ApiError(404, "GROUP_NOT_FOUND", `No group with ID ${groupId} exists.`, [groupId]),
  invalidRoleForGroup: (role: string, groupId: string) =>
    new ApiError(400, "INVALID_ROLE_FOR_GROUP", `Role ${role} is invalid for group ${groupId}.`, [
      role,
      groupId,
    ]),
  orgNotFound: (orgId: string) =>
    new ApiError(404, "ORG_NOT_FOUND", `No organization with ID ${orgId} exists.`, [orgId]),
  apiKeyNotFound: (status: number, keyId: string) =>
    new ApiError(status, "API_KEY_NOT_FOUND", `No API Key with ID ${keyId} exists.`, [keyId]),
  userUnauthorized: () =>
    new ApiError(
      401,
      "USER_UNAUTHORIZED",
      "Current user is not authorized to perform this action.",
    ),
  accessDenied: (spelling: ListSpelling) =>
    new ApiError(
      400,
      `API_KEY_${spelling}_ACCESS_DENIED`,
      `API Key ${spelling === "ACCESS_LIST" ? "access lists" : "whitelists"} are only accessible by the API Key itself or by a user administrator.`,
    ),
  malformedJson: () =>
    new ApiError(400, "MALFORMED_JSON", "Received JSON is malformed; check the request body."),
  invalidJson: (expected: string) =>
    new ApiError(400, "INVALID_JSON", `Received JSON does not match expected format: ${expected}.`),
  invalidAttribute: (name: string) =>
    new ApiError(400, "INVALID_ATTRIBUTE", `Invalid attribute ${name} specified.`, [name]),
  missingOneOf: (a: string, b: string) =>
    new ApiError(
      400,
      "MISSING_ONE_OF_ATTRIBUTES",
      `Either the ${a} attribute or the ${b} attribute must be specified.`,
      [a, b],
    ),
  invalidDesc: () =>
    new ApiError(
      400,
      "INVALID_API_KEY_DESC",
      "The API key description is required, and must be between 1 and 250 characters long.",
    ),
  missingRoles: () =>
    new ApiError(400, "MISSING_API_KEY_ROLES", "API keys must have at least one (valid) role."),
  invalidRole: (role: string, orgId: string) =>
    new ApiError(400, "INVALID_ROLE_FOR_ORG", `Role ${role} invalid for organization ${orgId}.`, [
      role,
      orgId,
    ]),
  tooManyKeys: (max: number, orgId: string) =>
    new ApiError(
      400,
      "MAX_API_KEYS_PER_ORG_EXCEEDED",
      `Maximum number of API keys per org (${max}) in ${orgId} exceeded while trying to add API keys.`,
      [String(max), orgId],
    ),
  invalidQuery: (name: string) =>
    new ApiError(400, "INVALID_QUERY_PARAMETER", `Invalid query parameter ${name} specified.`, [
      name,
    ]),
  bothAddressForms: () =>
    new ApiError(
      400,
      "BAD_WHITELIST_ADD_REQUEST",
      "Should not specify both the IP address and the CIDR block.",
    ),
  invalidAddress: (value: string) =>
    new ApiError(
      400,
      "INVALID_IP_ADDRESS_OR_CIDR_NOTATION",
      `The address ${value} must be in valid IP address or CIDR notation.`,
      [value],
    ),
  invalidCidr: (value: string) =>
    new ApiError(
      400,
      "INVALID_CIDR_BLOCK",
      `The cidr block ${value} must be in valid CIDR notation.`,
      [value],
    ),
  ipv6Unsupported: (value: string) =>
    new ApiError(
      400,
      "IPV6_UNSUPPORTED",
      `The entry ${value} is an IPv6 value and is not supported.`,
      [value],
    ),
  duplicateInInput: () =>
    new ApiError(
      400,
      "DUPLICATE_ADDRESSES_IN_INPUT",
      "Two or more of the IP addresses being added to the whitelist are the same.",
    ),
  alreadyListed: (spelling: ListSpelling, value: string) =>
    new ApiError(
      409,
      spelling === "ACCESS_LIST"
        ? "ADDRESS_ALREADY_IN_ACCESS_LIST"
        : "ADDRESS_ALREADY_IN_WHITELIST",
      `The address ${value} is already on the ${spelling === "ACCESS_LIST" ? "access list" : "whitelist"}.`,
      [value],
    ),
  entryNotFound: (spelling: ListSpelling, entry: string, keyId: string) =>
    new ApiError(
      404,
      `API_KEY_${spelling}_NOT_FOUND`,
      `IP address ${entry} not on ${spelling === "ACCESS_LIST" ? "access list" : "whitelist"} for API key ${keyId}.`,
      [entry, keyId],
    ),
  cannotRemoveCaller: (spelling: ListSpelling, ip: string) =>
    new ApiError(
      400,
      `CANNOT_REMOVE_CALLER_FROM_${spelling}`,
      `Cannot remove caller's IP address ${ip} from ${spelling === "ACCESS_LIST" ? "access list" : "whitelist"}.`,
      [ip],
    ),
  notOnList: (spelling: ListSpelling, ip: string) =>
    new ApiError(
      403,
      `IP_ADDRESS_NOT_ON_${spelling}`,
      `IP address ${ip} is not allowed to access this resource.`,
      [ip],
    ),
  orgRequiresList: (spelling: ListSpelling, ip: string) =>
    new ApiError(
      403,
      `ORG_REQUIRES_${spelling}`,
      `This organization requires access through ${spelling === "ACCESS_LIST" ? "an access list" : "a whitelist"} of ip ranges.`,
      [ip],
    ),
  rateLimited: (path: string) =>
    new ApiError(
      429,
      "RATE_LIMITED",
      `Resource ${path} is limited to 100 requests every 1 minutes.`,
      [path, "100", "1"],
    ),
  unexpected: (status: number) => new ApiError(status, "UNEXPECTED_ERROR", "Unexpected error."),
};
