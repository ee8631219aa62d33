import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Where the embedded default keeps generated secrets. */
// The turbopackIgnore comments keep Next's build from tracing the whole project for these run-time paths.
function secretsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || ".data");
}

/**
 * Returns the secret from the environment, else from DATA_DIR, generating it there on first use.
 * `created` tells the caller to say so: a generated secret lives only in that folder.
 */
export function loadOrCreateSecret(
  envName: string,
  fileName: string,
  bytes = 32,
): { value: string; source: "env" | "file" | "created"; file: string } {
  const file = path.join(/*turbopackIgnore: true*/ secretsDir(), fileName);
  const fromEnv = process.env[envName];
  if (fromEnv) return { value: fromEnv, source: "env", file };
  // The session secret is needed on every request: read the file once per process, not per request.
  const known = readSecrets.get(file);
  if (known !== undefined) return { value: known, source: "file", file };
  if (fs.existsSync(/*turbopackIgnore: true*/ file))
    return remember(file, fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), "file");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = crypto.randomBytes(bytes).toString("base64url");
  // wx: two processes starting together must not overwrite each other's key.
  try {
    fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
  } catch {
    return remember(file, fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), "file");
  }
  return remember(file, value, "created");
}

/** Secrets read from (or written to) their files in this process, by file path. */
const readSecrets = new Map<string, string>();

function remember(file: string, value: string, source: "file" | "created") {
  readSecrets.set(file, value);
  return { value, source, file };
}

/** The next-auth signing secret (asked for on every request: the environment is looked at first). */
export function authSecret(): string {
  return process.env.NEXTAUTH_SECRET || loadOrCreateSecret("NEXTAUTH_SECRET", "nextauth-secret").value;
}

/** The 32-byte key that encrypts ID numbers at rest. */
export function idNumberKey(): Buffer {
  const raw = loadOrCreateSecret("ID_ENCRYPTION_KEY", "id-number-key").value;
  const key = Buffer.from(raw, "base64url");
  if (key.length !== 32) throw new Error("ID_ENCRYPTION_KEY must be 32 bytes, base64url-encoded");
  return key;
}
