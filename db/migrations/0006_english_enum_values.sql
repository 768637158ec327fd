-- Stored enum values become English (issue 11, point 4); Swedish labels and URL slugs live in src/lib/<domain>.
--
-- Three columns change their default (activities.status, users.role, ideas.status). drizzle-kit generates a
-- table rebuild for that (CREATE __new_x, copy, DROP x, RENAME). The migrator runs every migration inside one
-- transaction, where `PRAGMA foreign_keys=OFF` has no effect, so the DROP TABLE's implicit delete would fire
-- ON DELETE CASCADE / SET NULL on every child row (sessions, registrations, memberships, idea sections …).
-- Instead each of those columns is swapped in place: add the new column with its new default, fill it with the
-- converted value, drop the old column, rename the new one. No row of any table is deleted.
--
-- Activities: status (with its index) and kind.
ALTER TABLE `activities` ADD `status_english` text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
UPDATE `activities` SET `status_english` = CASE `status`
  WHEN 'utkast' THEN 'draft'
  WHEN 'publicerad' THEN 'published'
  WHEN 'inställd' THEN 'cancelled'
  ELSE `status`
END;--> statement-breakpoint
DROP INDEX `activities_status_start_idx`;--> statement-breakpoint
ALTER TABLE `activities` DROP COLUMN `status`;--> statement-breakpoint
ALTER TABLE `activities` RENAME COLUMN `status_english` TO `status`;--> statement-breakpoint
CREATE INDEX `activities_status_start_idx` ON `activities` (`status`,`startsAt`);--> statement-breakpoint
UPDATE `activities` SET `kind` = CASE `kind`
  WHEN 'nätverksträff' THEN 'network_meeting'
  WHEN 'studiebesök' THEN 'study_visit'
  WHEN 'auskultation' THEN 'job_shadowing'
  WHEN 'kurs' THEN 'course'
  WHEN 'lärandekonferens' THEN 'learning_conference'
  ELSE `kind`
END;--> statement-breakpoint
-- Users: role.
ALTER TABLE `users` ADD `role_english` text DEFAULT 'member' NOT NULL;--> statement-breakpoint
UPDATE `users` SET `role_english` = CASE `role`
  WHEN 'medlem' THEN 'member'
  WHEN 'samordnare' THEN 'coordinator'
  ELSE `role`
END;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `role`;--> statement-breakpoint
ALTER TABLE `users` RENAME COLUMN `role_english` TO `role`;--> statement-breakpoint
-- Ideas: status.
ALTER TABLE `ideas` ADD `status_english` text DEFAULT 'idea' NOT NULL;--> statement-breakpoint
UPDATE `ideas` SET `status_english` = CASE `status`
  WHEN 'ide' THEN 'idea'
  WHEN 'utkast' THEN 'draft'
  WHEN 'redo' THEN 'ready'
  WHEN 'inskickad' THEN 'submitted'
  WHEN 'avslutad' THEN 'closed'
  ELSE `status`
END;--> statement-breakpoint
ALTER TABLE `ideas` DROP COLUMN `status`;--> statement-breakpoint
ALTER TABLE `ideas` RENAME COLUMN `status_english` TO `status`;--> statement-breakpoint
-- Organisations: type.
UPDATE `organisations` SET `type` = CASE `type`
  WHEN 'kommun' THEN 'municipality'
  WHEN 'myndighet' THEN 'agency'
  WHEN 'samordningsförbund' THEN 'coordination_association'
  WHEN 'folkhögskola' THEN 'folk_high_school'
  WHEN 'studieförbund' THEN 'study_association'
  WHEN 'förening' THEN 'association'
  WHEN 'företag' THEN 'company'
  WHEN 'övrig' THEN 'other'
  ELSE `type`
END;
