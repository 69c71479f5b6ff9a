import { sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '../../lib/scope.js';

/**
 * SQL condition on a `cases` row aliased `c`: the case lies in the user's subtree, or (for a department officer)
 * it has been dispatched to the user's department — departments see what was whistled to them, wherever it lies.
 * Applied in SQL so lists and look-ups never fetch what the user may not see.
 */
export function caseVisibleSql(user: SessionUser): SQL {
  const inTree = user.scopePath === null ? sql`true` : sql`c.path <@ ${user.scopePath}::ltree`;
  if (user.departmentId == null) return inTree;
  return sql`(${inTree} OR EXISTS (SELECT 1 FROM case_dispatches vd WHERE vd.case_id = c.id AND vd.department_id = ${user.departmentId}))`;
}
