import { withRoute } from "@/lib/api/with-route";
import { listNotifications, markNotificationsRead } from "@/lib/services/notifications/list-notifications";

export const GET = withRoute({ permission: "notifications.own" }, ({ actor }) => listNotifications(actor));

export const POST = withRoute({ permission: "notifications.own" }, ({ actor }) => markNotificationsRead(actor));
