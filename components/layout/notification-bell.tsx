"use client";

import Link from "next/link";
import { useState } from "react";
import { Timestamp } from "@/components/ui/timestamp";
import { useMarkNotificationsRead, useNotifications } from "@/lib/queries/approvals";

export function NotificationBell() {
  const notes = useNotifications();
  const markRead = useMarkNotificationsRead();
  const [open, setOpen] = useState(false);
  const unread = notes.data?.unread ?? 0;
  const toggle = () => {
    setOpen(!open);
    if (!open && unread > 0) markRead.mutate(undefined);
  };
  return (
    <div className="relative">
      <button
        onClick={toggle}
        aria-expanded={open}
        aria-label={`Notifications, ${unread} unread`}
        className="relative rounded px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white"
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          className="h-5 w-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span
            data-testid="unread-count"
            className="absolute -top-1 -right-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
          >
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="absolute left-0 z-40 mt-2 w-80 max-w-[90vw] rounded-md border border-slate-200 bg-white py-1 text-slate-800 shadow-lg">
          {notes.data?.items.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">No notifications</p>}
          {notes.data?.items.map((n) => (
            <Link
              key={n.id}
              href={n.link ?? "/approvals"}
              onClick={() => setOpen(false)}
              className="block px-3 py-2 text-sm hover:bg-slate-50"
            >
              <p className={n.needsAction ? "font-semibold" : "text-slate-600"}>
                {n.title}
                {n.link?.startsWith("/approvals") && !n.needsAction && (
                  <span className="ml-1 text-xs font-normal text-slate-500">(no longer needs you)</span>
                )}
              </p>
              {n.openItems !== null && (
                <p className="text-xs text-slate-700">
                  {n.openItems === 0
                    ? "Nothing left for you to review"
                    : `${n.openItems} item${n.openItems === 1 ? "" : "s"} to review`}
                </p>
              )}
              {n.body && <p className="text-xs text-slate-500">{n.body}</p>}
              <p className="text-xs text-slate-400">
                <Timestamp value={n.createdAt} />
              </p>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
