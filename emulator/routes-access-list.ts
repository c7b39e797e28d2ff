/**
 * A1-A4 (`accessList`) and W1-W4 (`whitelist`): one set of handlers, the path segment is a
 * parameter and every link echoes it. Entries are keyed by canonical cidrBlock.
 */
import {
  entryPathSegment,
  hostOf,
  parseCidrBlock,
  parseEntryKey,
  parseSingleAddress,
  type ParsedAddress,
} from "./addresses";
import type { ApiRequest, Deps, Handler } from "./context";
import { errors } from "./errors";
import { requireListAccess, requireMember, spellingOf } from "./gate";
import { parseJson, strictObject } from "./json-body";
import { listEnvelope } from "./pagination";
import type { EntryRecord, KeyRecord, OrgRecord } from "./store";
import { keyUrl, loadKey, loadOrg } from "./routes-keys";

function listUrl(req: ApiRequest, org: OrgRecord, key: KeyRecord): string {
  return `${keyUrl(req, org.id, key.id)}/${req.params.list}`;
}

/** Entry object; lists carry `ipAddress: null` for CIDR entries, single GETs omit it. */
function renderEntry(
  req: ApiRequest,
  org: OrgRecord,
  key: KeyRecord,
  e: EntryRecord,
  single: boolean,
) {
  const links = [
    { href: `${listUrl(req, org, key)}/${entryPathSegment(e.cidrBlock)}`, rel: "self" },
  ];
  if (single)
    links.push({ href: keyUrl(req, org.id, key.id), rel: "http://mms.mongodb.com/apiKeys" });
  const body: Record<string, unknown> = {
    cidrBlock: e.cidrBlock,
    count: e.count,
    created: e.created,
  };
  if (e.ipAddress !== null || !single) body.ipAddress = e.ipAddress;
  if (e.lastUsed) body.lastUsed = e.lastUsed;
  if (e.lastUsedAddress) body.lastUsedAddress = e.lastUsedAddress;
  body.links = links;
  return body;
}

/** Org, key and permission checks shared by A1-A4. */
function target(req: ApiRequest, deps: Deps): { org: OrgRecord; key: KeyRecord } {
  const org = loadOrg(req, deps);
  requireMember(req, org);
  const key = loadKey(req, deps, org);
  requireListAccess(req, org, key);
  return { org, key };
}

function page(req: ApiRequest, org: OrgRecord, key: KeyRecord) {
  const body = listEnvelope(key.entries, req.query, listUrl(req, org, key), (e) =>
    renderEntry(req, org, key, e, false),
  );
  return { status: 200, body, kind: "list" as const };
}

const listEntries: Handler = (req, deps) => {
  const { org, key } = target(req, deps);
  return page(req, org, key);
};

interface NewEntry {
  readonly cidrBlock: string;
  readonly ipAddress: string | null;
}

function validateElement(element: unknown, deps: Deps): NewEntry {
  const fields = strictObject(element, ["ipAddress", "cidrBlock"]);
  const hasIp = fields.ipAddress !== undefined && fields.ipAddress !== null;
  const hasCidr = fields.cidrBlock !== undefined && fields.cidrBlock !== null;
  if (hasIp && hasCidr) throw errors.bothAddressForms();
  if (!hasIp && !hasCidr) throw errors.missingOneOf("ipAddress", "cidrBlock");
  const raw = hasIp ? fields.ipAddress : fields.cidrBlock;
  if (typeof raw !== "string") throw errors.invalidAddress(String(raw));
  const parsed: ParsedAddress = hasIp ? parseSingleAddress(raw) : parseCidrBlock(raw);
  if (!parsed.ok) {
    throw parsed.reason === "hostBits" ? errors.invalidCidr(raw) : errors.invalidAddress(raw);
  }
  if (parsed.ipv6 && !deps.settings.ipv6) throw errors.ipv6Unsupported(raw);
  return { cidrBlock: parsed.cidrBlock, ipAddress: hasIp ? hostOf(parsed.cidrBlock) : null };
}

/** A2: validate every element first, then add the new ones; answers the full first page. */
const addEntries: Handler = (req, deps) => {
  const { org, key } = target(req, deps);
  const body = parseJson(req.body);
  if (!Array.isArray(body)) throw errors.invalidJson("expected a JSON array of entries");
  const wanted = body.map((element) => validateElement(element, deps));
  const seen = new Set<string>();
  for (const entry of wanted) {
    if (seen.has(entry.cidrBlock)) throw errors.duplicateInInput();
    seen.add(entry.cidrBlock);
    if (deps.store.findEntry(key, entry.cidrBlock) && deps.settings.duplicateEntry === "conflict") {
      throw errors.alreadyListed(spellingOf(req.params.list), entry.ipAddress ?? entry.cidrBlock);
    }
  }
  for (const entry of wanted) {
    if (!deps.store.findEntry(key, entry.cidrBlock)) {
      deps.store.addEntry(key, entry.cidrBlock, entry.ipAddress);
    }
  }
  return page(req, org, key);
};

function loadEntry(req: ApiRequest, deps: Deps, key: KeyRecord): EntryRecord {
  let text: string;
  try {
    text = decodeURIComponent(req.params.entry ?? "");
  } catch {
    text = req.params.entry ?? "";
  }
  const cidrBlock = parseEntryKey(text);
  const entry = cidrBlock === undefined ? undefined : deps.store.findEntry(key, cidrBlock);
  if (!entry) throw errors.entryNotFound(spellingOf(req.params.list), text, key.id);
  return entry;
}

const getEntry: Handler = (req, deps) => {
  const { org, key } = target(req, deps);
  const entry = loadEntry(req, deps, key);
  return { status: 200, body: renderEntry(req, org, key, entry, true), kind: "entity" };
};

/** A4: 204; a key cannot remove the entry admitting its own request. */
const deleteEntry: Handler = (req, deps) => {
  const { key } = target(req, deps);
  const entry = loadEntry(req, deps, key);
  if (req.caller.key.id === key.id && req.admittedBy === entry) {
    throw errors.cannotRemoveCaller(spellingOf(req.params.list), req.clientIp);
  }
  deps.store.deleteEntry(key, entry.cidrBlock);
  return { status: 204 };
};

export const accessListHandlers = { listEntries, addEntries, getEntry, deleteEntry };
