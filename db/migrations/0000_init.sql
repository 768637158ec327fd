CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'utkast' NOT NULL,
	`organiserOrganisationId` integer,
	`hostOrganisationId` integer,
	`place` text,
	`digitalLink` text,
	`municipality` text,
	`capacity` integer,
	`organisationQuota` integer,
	`registrationOpensAt` integer,
	`registrationClosesAt` integer,
	`guides` text DEFAULT '[]' NOT NULL,
	`questions` text DEFAULT '[]' NOT NULL,
	`startsAt` integer NOT NULL,
	`endsAt` integer NOT NULL,
	`createdBy` integer,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL,
	`publishedAt` integer,
	`cancelledAt` integer,
	`cancellationMessage` text,
	FOREIGN KEY (`organiserOrganisationId`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`hostOrganisationId`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`createdBy`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_slug_unique` ON `activities` (`slug`);--> statement-breakpoint
CREATE INDEX `activities_status_start_idx` ON `activities` (`status`,`startsAt`);--> statement-breakpoint
CREATE TABLE `activity_dates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activityId` integer NOT NULL,
	`startsAt` integer NOT NULL,
	`endsAt` integer NOT NULL,
	FOREIGN KEY (`activityId`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activity_dates_activity_idx` ON `activity_dates` (`activityId`,`startsAt`);--> statement-breakpoint
CREATE TABLE `activity_attendance` (
	`registrationId` integer NOT NULL,
	`activityDateId` integer NOT NULL,
	`markedBy` integer,
	`markedAt` integer NOT NULL,
	PRIMARY KEY(`registrationId`, `activityDateId`),
	FOREIGN KEY (`registrationId`) REFERENCES `activity_registrations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activityDateId`) REFERENCES `activity_dates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`markedBy`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `activity_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activityId` integer NOT NULL,
	`userId` integer NOT NULL,
	`status` text NOT NULL,
	`waitlistSeq` integer,
	`offerExpiresAt` integer,
	`offerCount` integer DEFAULT 0 NOT NULL,
	`specialNeeds` text,
	`answers` text DEFAULT '[]' NOT NULL,
	`motivation` text,
	`decisionMessage` text,
	`nominatedBy` integer,
	`confirmedAt` integer,
	`createdAt` integer NOT NULL,
	`updatedAt` integer NOT NULL,
	FOREIGN KEY (`activityId`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`nominatedBy`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_registrations_one_per_person` ON `activity_registrations` (`activityId`,`userId`);--> statement-breakpoint
CREATE INDEX `activity_registrations_status_idx` ON `activity_registrations` (`activityId`,`status`,`waitlistSeq`);--> statement-breakpoint
CREATE INDEX `activity_registrations_user_idx` ON `activity_registrations` (`userId`);--> statement-breakpoint
CREATE TABLE `email_verification_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`userId` integer NOT NULL,
	`email` text NOT NULL,
	`codeHash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expiresAt` integer NOT NULL,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `email_verification_user_idx` ON `email_verification_requests` (`userId`);--> statement-breakpoint
CREATE TABLE `password_reset_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`userId` integer NOT NULL,
	`expiresAt` integer NOT NULL,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_reset_user_idx` ON `password_reset_tokens` (`userId`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`userId` integer NOT NULL,
	`expiresAt` integer NOT NULL,
	FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`userId`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`passwordHash` text NOT NULL,
	`organisationId` integer,
	`roleTitle` text,
	`phone` text,
	`role` text DEFAULT 'medlem' NOT NULL,
	`isContactPerson` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'unverified' NOT NULL,
	`emailVerifiedAt` integer,
	`createdAt` integer NOT NULL,
	FOREIGN KEY (`organisationId`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_organisation_idx` ON `users` (`organisationId`);--> statement-breakpoint
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
CREATE INDEX `ideas_group_idx` ON `ideas` (`groupId`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`type` text NOT NULL,
	`municipality` text,
	`emailDomains` text DEFAULT '[]' NOT NULL,
	`createdAt` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_unique` ON `organisations` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`attachments` text DEFAULT '[]' NOT NULL,
	`dedupeKey` text,
	`createdAt` integer NOT NULL,
	`sentAt` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupeKey_unique` ON `outbox` (`dedupeKey`);