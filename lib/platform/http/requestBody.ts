import "server-only";
import { badRequest } from "@/lib/platform/errors/apiError";

/** Largest JSON body the API accepts unless an operation allows more. */
export const MAX_JSON_BYTES = 1_000_000;

/** Reads a JSON body, answering 400 (not 500) for anything that is not JSON of sane size. */
export async function readJson(
  req: Request,
  { maxChars = MAX_JSON_BYTES, emptyAsObject = false } = {},
): Promise<unknown> {
  const text = await req.text();
  if (emptyAsObject && text.trim() === "") return {};
  if (text.length > maxChars) throw badRequest("The request body is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}
