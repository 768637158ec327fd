CREATE TABLE `cluster_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`problemArea` text NOT NULL,
	`description` text NOT NULL,
	`joinMode` text DEFAULT 'request' NOT NULL,
	`createdById` integer,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`createdById`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cluster_groups_slug_unique` ON `cluster_groups` (`slug`);--> statement-breakpoint
CREATE TABLE `cluster_memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`groupId` integer NOT NULL,
	`userId` integer NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`status` text NOT NULL,
	`message` text,
	`invitedById` integer,
	`createdAt` integer NOT NULL,
	`joinedAt` integer,
	FOREIGN KEY (`groupId`) REFERENCES `cluster_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitedById`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cluster_memberships_group_user_idx` ON `cluster_memberships` (`groupId`,`userId`);--> statement-breakpoint
CREATE INDEX `cluster_memberships_user_idx` ON `cluster_memberships` (`userId`);--> statement-breakpoint
CREATE TABLE `idea_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sectionId` integer NOT NULL,
	`parentId` integer,
	`authorId` integer,
	`body` text NOT NULL,
	`resolvedAt` integer,
	`resolvedById` integer,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`sectionId`) REFERENCES `idea_sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`authorId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolvedById`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `idea_comments_section_idx` ON `idea_comments` (`sectionId`);--> statement-breakpoint
CREATE TABLE `idea_organisations` (
	`ideaId` integer NOT NULL,
	`organisationId` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`ideaId`, `organisationId`),
	FOREIGN KEY (`ideaId`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisationId`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `idea_presence` (
	`ideaId` integer NOT NULL,
	`userId` integer NOT NULL,
	`sectionKey` text,
	`lastSeenAt` integer NOT NULL,
	PRIMARY KEY(`ideaId`, `userId`),
	FOREIGN KEY (`ideaId`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `idea_section_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sectionId` integer NOT NULL,
	`text` text NOT NULL,
	`authorId` integer,
	`baseRevisionId` integer DEFAULT 0 NOT NULL,
	`previousRevisionId` integer,
	`kind` text DEFAULT 'edit' NOT NULL,
	`restoredFromId` integer,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`sectionId`) REFERENCES `idea_sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`authorId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `idea_section_revisions_section_idx` ON `idea_section_revisions` (`sectionId`);--> statement-breakpoint
CREATE TABLE `idea_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ideaId` integer NOT NULL,
	`key` text NOT NULL,
	`currentRevisionId` integer,
	`updatedAt` integer,
	FOREIGN KEY (`ideaId`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idea_sections_idea_key_idx` ON `idea_sections` (`ideaId`,`key`);--> statement-breakpoint
CREATE TABLE `ideas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`groupId` integer NOT NULL,
	`title` text NOT NULL,
	`targetCall` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'ide' NOT NULL,
	`sharedWithAll` integer DEFAULT false NOT NULL,
	`createdById` integer,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL,
	FOREIGN KEY (`groupId`) REFERENCES `cluster_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`createdById`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ideas_group_idx` ON `ideas` (`groupId`);