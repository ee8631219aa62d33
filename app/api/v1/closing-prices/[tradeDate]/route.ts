import { route } from "@/lib/auth/procedures/route";
import { taxOperations as api } from "@/lib/features/openapi/operations/tax";
import { enterClosingPrice } from "@/lib/features/tax/closingPriceCommands";

export const dynamic = "force-dynamic";

/**
 * PUT /api/v1/closing-prices/{tradeDate} {issuerId?, close, source?}: records or corrects that day's price;
 * a malformed date answers 400 (a format problem), not 404.
 */
export const PUT = route(
  { ...api.enterClosingPrice, invalidParams: "badRequest" },
  async ({ db, actor, params, body }) =>
    enterClosingPrice(db, actor, body.issuerId ?? null, {
      tradeDate: params.tradeDate,
      close: body.close,
      source: body.source,
    }),
);
