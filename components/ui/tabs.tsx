import Link from "next/link";
import type { ReactNode } from "react";

const BAR = "mb-6 flex flex-wrap gap-1 border-b border-slate-200";
const TAB = "-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900";

/** Tabs that switch a view in place: a tablist whose selected tab is underlined. */
export function Tabs<T extends string>({
  label,
  tabs,
  value,
  onChange,
}: {
  label: string;
  tabs: readonly T[];
  value: T;
  onChange: (tab: T) => void;
}) {
  return (
    <div role="tablist" aria-label={label} className={BAR}>
      {tabs.map((t) => (
        <button
          key={t}
          role="tab"
          aria-selected={t === value}
          onClick={() => onChange(t)}
          className={`${TAB} aria-selected:border-brand-600 aria-selected:font-medium aria-selected:text-slate-900`}
        >
          {t}
        </button>
      ))}
    </div>
  );
}

/** Tabs that are pages (each has an address): a navigation bar drawn as the tabs above. */
export function TabLinks({
  label,
  tabs,
  current,
}: {
  label: string;
  /** `badge` is shown beside the tab's name (a count waiting there). */
  tabs: readonly { href: string; label: string; badge?: ReactNode }[];
  /** The address of the page shown. */
  current: string;
}) {
  return (
    <nav aria-label={label} className={BAR}>
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={`${TAB} aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-slate-900`}
        >
          {t.label}
          {t.badge}
        </Link>
      ))}
    </nav>
  );
}
