export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  homeUnitId: string | null;
  homeUnitName: string | null;
  permissions: string[];
}
