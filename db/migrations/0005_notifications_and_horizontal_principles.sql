ALTER TABLE `cluster_memberships` ADD `notify` text DEFAULT 'digest' NOT NULL;--> statement-breakpoint
ALTER TABLE `cluster_memberships` ADD `digestSentAt` integer;--> statement-breakpoint
-- Horizontal principles became their own section of the idea template: give existing ideas the section.
INSERT INTO `idea_sections` (`ideaId`, `key`) SELECT `id`, 'horisontella-principer' FROM `ideas` WHERE NOT EXISTS (SELECT 1 FROM `idea_sections` s WHERE s.`ideaId` = `ideas`.`id` AND s.`key` = 'horisontella-principer');
