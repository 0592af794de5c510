import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-2 p-8 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm text-slate-600">This page does not exist, or your role does not allow it.</p>
      <Link href="/" className="text-sm text-brand-700 underline">
        Back to the dashboard
      </Link>
    </main>
  );
}
