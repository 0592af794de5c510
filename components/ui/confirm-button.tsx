"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

type Props = {
  /** The button's own label, and the confirming button's. */
  children: ReactNode;
  title: string;
  /** What will happen, said plainly: shown in the dialog. */
  description: ReactNode;
  confirmLabel?: string;
  onConfirm: () => unknown;
  disabled?: boolean;
  size?: "sm" | "md";
  variant?: "danger" | "secondary";
};

/** A destructive action never acts on one click: it asks first, and says what it will do. */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  onConfirm,
  disabled,
  size,
  variant,
}: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant={variant ?? "danger"} size={size} disabled={disabled} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <div className="text-sm text-slate-700">{description}</div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={busy}>
            {confirmLabel ?? children}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
