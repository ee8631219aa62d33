import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { blackoutRuleSets, disclosureEvents, plans } from "@/db/schema";
import { preparedStatement } from "@/lib/platform/preparedStatement";
import { scalarSubquery } from "@/lib/platform/scalarSubquery";

/** A plan's rule set and the fingerprint of its events: what its blackout windows depend on. */
export interface BlackoutKeyRow {
  id: string;
  name: string;
  annualDays: number;
  quarterlyDays: number;
  eventsKey: string;
}

const e = disclosureEvents;

// The fingerprint changes whenever an event is added, removed or updated (each write gives the row a new
// xmin), including uncommitted writes seen inside the writing transaction.
const fingerprint = sql`encode(sha256(convert_to(string_agg(${e.id}::text || ':' || ${e}.xmin::text, ',' order by ${e.id}), 'UTF8')), 'hex')`;

/**
 * The key rows of the plans a subquery names, as one JSON array. A plan's events are the issuer's
 * company-wide ones and the plan's own: the company-wide part is fingerprinted once per issuer, not once
 * per plan, since a grantee's plans all share it.
 */
export function planBlackoutKeysJson(planIds: SQL): SQL<BlackoutKeyRow[]> {
  const rs = blackoutRuleSets;
  return scalarSubquery<BlackoutKeyRow[]>(sql`with chosen as (
      select ${plans.id} as id, ${plans.issuerId} as issuer_id, ${plans.blackoutRuleSetId} as rule_set_id from ${plans} where ${plans.id} in ${planIds}),
    company as (
      select ${e.issuerId} as issuer_id, ${fingerprint} as key from ${e}
      where ${e.planId} is null and ${e.issuerId} in (select issuer_id from chosen) group by ${e.issuerId}),
    own as (
      select ${e.planId} as plan_id, ${e.issuerId} as issuer_id, ${fingerprint} as key from ${e}
      where ${e.planId} in (select id from chosen) group by ${e.planId}, ${e.issuerId})
    select coalesce(json_agg(json_build_object('id', chosen.id, 'name', ${rs.name}, 'annualDays', ${rs.annualDays}, 'quarterlyDays', ${rs.quarterlyDays},
      'eventsKey', coalesce(company.key, '') || '/' || coalesce(own.key, '')) order by chosen.id), '[]'::json)
    from chosen join ${rs} on ${rs.id} = chosen.rule_set_id
      left join company on company.issuer_id = chosen.issuer_id
      left join own on own.plan_id = chosen.id and own.issuer_id = chosen.issuer_id`);
}

/** The key rows of the plans given by id (placeholder `planIds`, a uuid array); prepared once per database. */
export const blackoutKeysQuery = preparedStatement((db) =>
  db
    .select({ keys: planBlackoutKeysJson(sql`(select unnest(${sql.placeholder("planIds")}::uuid[]))`) })
    .from(sql`(select 1) as one`)
    .prepare("vd_blackout_keys"),
);
