"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

/**
 * The portal's one list of links: a row in the header on wide screens, a menu behind a button on phones.
 * Rendered once for both, so the links are not sent and rendered twice. The menu closes when the page
 * changes (it remembers the path it was opened on rather than resetting itself in an effect). The links
 * come as data, not as rendered elements: every page's payload then carries one element and a short list
 * instead of a client element per link.
 */
export interface NavLink {
  href: string;
  label: string;
  testId: string;
}

export function NavMenu({ label, links }: { label: string; links: NavLink[] }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <div className="-mr-2 lg:contents">
      <button
        type="button"
        className="rounded-md border border-slate-300 px-2.5 py-1 text-sm text-slate-700 lg:hidden"
        aria-expanded={open}
        aria-controls="portal-nav"
        data-testid="menu-toggle"
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        {label}
      </button>
      <nav
        id="portal-nav"
        aria-label={label}
        className={`${open ? "flex" : "hidden"} absolute right-4 z-10 mt-2 w-56 flex-col rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg lg:static lg:mt-0 lg:flex lg:w-auto lg:flex-row lg:flex-wrap lg:items-center lg:gap-x-3 lg:gap-y-1 lg:border-0 lg:bg-transparent lg:py-0 lg:shadow-none`}
      >
        {links.map((l) => (
          <Link
            key={l.href}
            href={l.href}
            className="block whitespace-nowrap px-4 py-2 text-slate-700 hover:bg-slate-50 hover:text-brand-700 lg:px-0 lg:py-0 lg:hover:bg-transparent"
            data-testid={l.testId}
          >
            {l.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
