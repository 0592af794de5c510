// The dashboard's own loading view, in its own route group: a loading.tsx at the console's root would wrap
// every segment in one Suspense boundary, and a refused page below it would stream a 200 instead of a 404.
import { LoadingState } from "@/components/layout/loading-state";

export default function Loading() {
  return <LoadingState />;
}
