// Who may see reports: coordinators and administrators (aggregated figures about every organisation).
import { isCoordinator } from '../auth/permissions.ts';

export const canViewReports = isCoordinator;
