CREATE TABLE `idea_revision_contributors` (
	`revisionId` integer NOT NULL,
	`userId` integer NOT NULL,
	PRIMARY KEY(`revisionId`, `userId`),
	FOREIGN KEY (`revisionId`) REFERENCES `idea_section_revisions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `idea_section_live` (
	`sectionId` integer PRIMARY KEY NOT NULL,
	`syncedRevisionId` integer,
	FOREIGN KEY (`sectionId`) REFERENCES `idea_sections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `idea_section_live_writers` (
	`sectionId` integer NOT NULL,
	`userId` integer NOT NULL,
	PRIMARY KEY(`sectionId`, `userId`),
	FOREIGN KEY (`sectionId`) REFERENCES `idea_sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `idea_section_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sectionId` integer NOT NULL,
	`data` blob NOT NULL,
	`snapshot` integer DEFAULT false NOT NULL,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`sectionId`) REFERENCES `idea_sections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idea_section_updates_section_idx` ON `idea_section_updates` (`sectionId`,`id`);