import { permissionLayout } from "../_components/permission-layout";

export default permissionLayout("audit.read");
