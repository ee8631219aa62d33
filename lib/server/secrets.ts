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
export function loadOrCreateSecret(envName: string, fileName: string, bytes = 32): { value: string; source: "env" | "file" | "created"; file: string } {
  const file = path.join(/*turbopackIgnore: true*/ secretsDir(), fileName);
  const fromEnv = process.env[envName];
  if (fromEnv) return { value: fromEnv, source: "env", file };
  if (fs.existsSync(/*turbopackIgnore: true*/ file)) return { value: fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), source: "file", file };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = crypto.randomBytes(bytes).toString("base64url");
  // wx: two processes starting together must not overwrite each other's key.
  try {
    fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
  } catch {
    return { value: fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), source: "file", file };
  }
  return { value, source: "created", file };
}

/** The next-auth signing secret. */
export function authSecret(): string {
  return loadOrCreateSecret("NEXTAUTH_SECRET", "nextauth-secret").value;
}

/** The 32-byte key that encrypts ID numbers at rest. */
export function idNumberKey(): Buffer {
  const raw = loadOrCreateSecret("ID_ENCRYPTION_KEY", "id-number-key").value;
  const key = Buffer.from(raw, "base64url");
  if (key.length !== 32) throw new Error("ID_ENCRYPTION_KEY must be 32 bytes, base64url-encoded");
  return key;
}
