import { Button } from "@/components/ui/button";

/** A secret Warden shows exactly once (a token, an agent credential): only its hash is kept. */
export function ShownOnce({
  what,
  value,
  testId,
  onDismiss,
}: {
  what: string;
  value: string;
  testId: string;
  onDismiss: () => void;
}) {
  return (
    <div className="mb-4 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200" role="status">
      <p className="font-medium">Copy this {what} now. Warden stores only its hash and cannot show it again.</p>
      <code className="mt-2 block break-all rounded bg-white p-2 font-mono text-xs" data-testid={testId}>
        {value}
      </code>
      <Button size="sm" variant="ghost" className="mt-2" onClick={onDismiss}>
        I have copied it
      </Button>
    </div>
  );
}
