"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** A modal on the native <dialog> element: focus trapping and Escape come from the browser. */
export function Dialog({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      // Opened from a table row, it would inherit the cell's alignment and no-wrap: it sets its own.
      className="m-auto w-full max-w-lg rounded-lg p-0 text-left whitespace-normal shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="border-b border-slate-200 px-5 py-3">
        <h2 className="text-base font-semibold">{title}</h2>
      </div>
      <div className="p-5">{open && children}</div>
    </dialog>
  );
}
