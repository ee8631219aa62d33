import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { notFound } from "next/navigation";
import { ADMIN_NAMESPACES } from "@/messages";
import { hasRole, requirePageUser } from "@/lib/auth/session";
import { CalendarYearWarning } from "@/app/(portal)/_components/CalendarYearWarning";

/**
 * Administration (registers, audit trail, users, API tokens): admins and auditors; each page narrows
 * further (users and tokens are admin-only). Only these texts reach client components here.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  if (!hasRole(user, "admin", "auditor")) notFound();
  const messages = await getMessages();
  const picked = Object.fromEntries([...ADMIN_NAMESPACES, "hrCommon", "nav"].map((ns) => [ns, messages[ns]]));
  return (
    <NextIntlClientProvider messages={picked}>
      <CalendarYearWarning />
      {children}
    </NextIntlClientProvider>
  );
}
