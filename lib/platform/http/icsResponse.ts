import "server-only";
/** An iCalendar response: personal data, so never cached; inline so calendar apps subscribe to it. */
export function icsResponse(body: string, filename = "vesting-desk.ics"): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
