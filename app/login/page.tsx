import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { SignInFrame } from "../SignInFrame";
import { LoginForm } from "./LoginForm";
import { ClientMessages } from "../ClientMessages";
import { oidcProvider } from "@/lib/auth/oidcProvider";
import { page } from "@/lib/auth/procedures/page";

export const dynamic = "force-dynamic";

// Public: the wrapper reads no session, so the page asks itself whether the visitor is already signed in.
export default page({ access: "public" }, async ({ searchParams }) => {
  if (await currentUser().catch(() => null)) redirect("/");
  const t = await getTranslations();
  const demo = process.env.VD_DEMO !== "0";
  const { error } = searchParams;
  return (
    <SignInFrame footer={demo && <p className="mt-4 text-center text-xs text-slate-500">{t("login.demoHint")}</p>}>
      <h1 className="text-lg font-semibold">{t("login.title")}</h1>
      <p className="mt-1 mb-5 text-sm text-slate-600">{t("login.subtitle")}</p>
      <ClientMessages namespaces={["login"]}>
        <LoginForm ssoEnabled={oidcProvider() !== null} ssoRefused={error === "AccessDenied"} />
      </ClientMessages>
    </SignInFrame>
  );
});
