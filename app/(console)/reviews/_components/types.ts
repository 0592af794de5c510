/** What the reviews page may show and do for the user, decided on the server from the permission table. */
export type ReviewPermissions = {
  canDecide: boolean;
  canManage: boolean;
  canSignOff: boolean;
  /** may download the campaign's signed evidence pack (reports.read) */
  canExport: boolean;
  seesAll: boolean;
};
