import { withRoute } from "@/lib/api/with-route";
import { listNotifications } from "@/lib/services/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/services/notifications/mark-notifications-read";

export const GET = withRoute({ permission: "notifications.own" }, ({ actor }) => listNotifications(actor));

export const POST = withRoute({ permission: "notifications.own" }, ({ actor }) => markNotificationsRead(actor));
