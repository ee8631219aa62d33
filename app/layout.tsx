import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import "./globals.css";

// Every page has the language switch; pages with forms add their own namespaces (app/ClientMessages.tsx).
const CLIENT_NAMESPACES = ["nav"] as const;

export const metadata: Metadata = {
  title: "Vesting Desk · 归属台",
  description: "STAR Market Class II restricted stock portal",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  // Only what client components translate travels to the browser; server components read the rest on the server.
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, messages[ns]]));
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider locale={locale} messages={clientMessages}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
