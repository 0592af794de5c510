"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * Details in a side panel that leaves the list beside it visible and usable: a non-modal <dialog> on
 * the right edge (full width on a phone). Escape or the close button closes it; opening moves focus
 * into it, and closing gives focus back to where it was.
 */
export function Drawer({
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
  const closeRef = useRef<HTMLButtonElement>(null);
  // The latest onClose, so a parent's inline handler does not re-run the effect below at each render.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      const before = document.activeElement as HTMLElement | null;
      el.show();
      closeRef.current?.focus();
      const onKey = (e: KeyboardEvent) => {
        if (e.key === "Escape") onCloseRef.current();
      };
      document.addEventListener("keydown", onKey);
      return () => {
        document.removeEventListener("keydown", onKey);
        before?.focus?.();
      };
    }
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className="fixed inset-y-0 right-0 left-auto z-40 m-0 h-full max-h-none w-full max-w-xl overflow-y-auto border-l border-slate-200 bg-white p-0 shadow-2xl"
    >
      <div className="sticky top-0 flex items-center justify-between border-b border-slate-200 bg-white px-5 py-3">
        <h2 className="text-base font-semibold">{title}</h2>
        <button
          ref={closeRef}
          type="button"
          onClick={onClose}
          aria-label="Close details"
          className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          ✕
        </button>
      </div>
      <div className="p-5">{open && children}</div>
    </dialog>
  );
}
