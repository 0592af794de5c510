import { permissionLayout } from "../_components/permission-layout";

export default permissionLayout("reports.read");
