// Who may see reports: coordinators and administrators (aggregated figures about every organisation).
import { isCoordinator } from '#lib/auth/permissions.ts';

export const canViewReports = isCoordinator;
