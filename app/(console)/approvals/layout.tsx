import { permissionLayout } from "../_components/permission-layout";

export default permissionLayout("approvals.read");
