import { createHash } from "node:crypto";

/** Hex SHA-256 of bytes (content hashes for the extraction cache and captured sources). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
