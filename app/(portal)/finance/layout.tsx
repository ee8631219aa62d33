import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { notFound } from "next/navigation";
import { FINANCE_NAMESPACES } from "@/messages";
import { FINANCE_READ_ROLES, hasRole, requirePageUser } from "@/lib/auth/session";

/** The finance pages (share-based payment expense): finance, hr, admin and auditors; only these texts reach client components. */
export default async function FinanceLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  if (!hasRole(user, ...FINANCE_READ_ROLES)) notFound();
  const messages = await getMessages();
  const picked = Object.fromEntries([...FINANCE_NAMESPACES, "hrCommon"].map((ns) => [ns, messages[ns]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
