export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  homeUnitId: string | null;
  homeUnitName: string | null;
  permissions: string[];
  /** A temporary password is in use: the API refuses everything else until it is changed. */
  mustChangePassword?: boolean;
}
