"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useConsoleSearch } from "@/lib/queries/search";
import type { SearchHit } from "@/lib/schemas/search";

const KIND_LABELS: Record<SearchHit["kind"], string> = {
  server: "Server",
  agent: "Agent",
  tool: "Tool",
  user: "User",
  approval: "Approval",
};

/** The text after the reader stops typing for a moment: one search per pause, not per key. */
function useSettled(value: string, ms = 150) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * The global command palette: ⌘K (Ctrl+K) or the header's Search button opens it; type a name, move
 * with ↑ ↓, open with Enter, close with Escape. Results come from the server, scoped to what the
 * signed-in role may open.
 */
export function CommandPalette() {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const q = useSettled(text.trim());
  const search = useConsoleSearch(q);
  const hits = q ? (search.data?.hits ?? []) : [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (open && el && !el.open) el.showModal();
    if (!open && el?.open) el.close();
  }, [open]);
  useEffect(() => setActive(0), [q]);

  const close = () => {
    setOpen(false);
    setText("");
  };
  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    router.push(hit.href);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, Math.max(hits.length - 1, 0)));
    else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
    else if (e.key === "Enter") go(hits[active]);
    else return;
    e.preventDefault();
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex w-full items-center justify-between rounded-md border border-slate-700 px-3 py-1.5 text-left text-sm text-slate-300 hover:bg-slate-800"
        aria-keyshortcuts="Meta+K Control+K"
      >
        <span>Search…</span>
        <kbd className="text-xs text-slate-400">⌘K</kbd>
      </button>
      <dialog
        ref={ref}
        onClose={close}
        aria-label="Command palette"
        className="mx-auto mt-[12vh] w-full max-w-xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        {open && (
          <div onKeyDown={onKeyDown}>
            <input
              autoFocus
              role="combobox"
              aria-expanded={hits.length > 0}
              aria-controls="palette-results"
              aria-activedescendant={hits[active] ? `palette-${active}` : undefined}
              aria-label="Search servers, agents, tools, users and approvals"
              placeholder="Search servers, agents, tools, users, approvals…"
              value={text}
              onChange={(e) => setText(e.target.value)}
              className="w-full border-b border-slate-200 px-4 py-3 text-sm outline-none"
            />
            <ul id="palette-results" role="listbox" aria-label="Results" className="max-h-80 overflow-auto py-1">
              {hits.map((hit, i) => (
                <li
                  key={`${hit.kind}-${hit.id}`}
                  id={`palette-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseMove={() => setActive(i)}
                  onClick={() => go(hit)}
                  className="flex cursor-pointer items-baseline gap-3 px-4 py-2 text-sm aria-selected:bg-brand-50"
                >
                  <span className="w-16 shrink-0 text-xs text-slate-500 uppercase">{KIND_LABELS[hit.kind]}</span>
                  <span className="font-medium text-slate-900">{hit.label}</span>
                  <span className="truncate text-xs text-slate-500">{hit.detail}</span>
                </li>
              ))}
            </ul>
            <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500" aria-live="polite">
              {!q
                ? "Type a name. ↑ ↓ to move, Enter to open, Esc to close."
                : search.isFetching && !search.data
                  ? "Searching…"
                  : search.error
                    ? search.error.message
                    : hits.length === 0
                      ? `Nothing you may open matches “${q}”.`
                      : `${hits.length} result${hits.length === 1 ? "" : "s"}`}
            </p>
          </div>
        )}
      </dialog>
    </>
  );
}
