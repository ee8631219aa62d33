import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { notFound } from "next/navigation";
import { HR_NAMESPACES } from "@/messages";
import { hasRole, requirePageUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { CalendarYearWarning } from "@/app/(portal)/_components/CalendarYearWarning";

/** HR and admin pages: staff only (auditors read), with the HR texts sent to client components here alone. */
export default async function HrLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  if (!hasRole(user, ...STAFF_READ_ROLES)) notFound();
  const messages = await getMessages();
  const hr = Object.fromEntries(
    [...HR_NAMESPACES, "login", "nav", "account", "publicity", "feed"].map((ns) => [ns, messages[ns]]),
  );
  return (
    <NextIntlClientProvider messages={hr}>
      <CalendarYearWarning />
      {children}
    </NextIntlClientProvider>
  );
}
