-- Presence per member and place (idea page or section): someone with two sections open is in both.
-- The table is rebuilt to change its primary key; no table references idea_presence, so dropping the old
-- one deletes nothing else (the migrator's transaction ignores PRAGMA foreign_keys anyway). NULL (the idea
-- page) becomes '', which the new primary key can hold uniquely.
CREATE TABLE `__new_idea_presence` (
	`ideaId` integer NOT NULL,
	`userId` integer NOT NULL,
	`sectionKey` text DEFAULT '' NOT NULL,
	`lastSeenAt` integer NOT NULL,
	PRIMARY KEY(`ideaId`, `userId`, `sectionKey`),
	FOREIGN KEY (`ideaId`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_idea_presence`("ideaId", "userId", "sectionKey", "lastSeenAt") SELECT "ideaId", "userId", coalesce("sectionKey", ''), "lastSeenAt" FROM `idea_presence`;--> statement-breakpoint
DROP TABLE `idea_presence`;--> statement-breakpoint
ALTER TABLE `__new_idea_presence` RENAME TO `idea_presence`;
